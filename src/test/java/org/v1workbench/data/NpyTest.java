package org.v1workbench.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class NpyTest {
    @TempDir Path dir;

    /** A .npy file built byte by byte, the way numpy.save lays it out, independent of Npy's writer. */
    static byte[] handMade(String descr, boolean fortran, String shape, byte[] data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
        int total = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        return b.array();
    }

    @Test
    void roundTripsFloat32AndUint8() throws Exception {
        float[] v = {0f, -1.5f, Float.NaN, 3.25f, 1e-7f, 7f};
        Npy.writeFloat32(dir.resolve("a.npy"), new int[]{2, 3}, v);
        Npy.Array a = Npy.read(dir.resolve("a.npy"));
        assertArrayEquals(new int[]{2, 3}, a.shape());
        assertArrayEquals(v, a.data());
        assertEquals("<f4", a.dtype());

        float[] bytes = {0, 255, 17, 128};
        Npy.writeUint8(dir.resolve("b.npy"), new int[]{4}, bytes);
        Npy.Array b = Npy.read(dir.resolve("b.npy"));
        assertArrayEquals(bytes, b.data());
        assertEquals("|u1", b.dtype());
        // The header is padded so that the data starts on a 64-byte boundary, as numpy requires.
        assertEquals(0, (Files.size(dir.resolve("b.npy")) - 4) % 64);
    }

    @Test
    void readsFortranOrderBigEndianAndFloat64AsNumpyWritesThem() throws Exception {
        // A 2 x 3 array [[1,2,3],[4,5,6]] in Fortran order is stored column by column: 1 4 2 5 3 6.
        ByteBuffer f = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : new double[]{1, 4, 2, 5, 3, 6}) f.putDouble(x);
        Files.write(dir.resolve("f.npy"), handMade("<f8", true, "(2, 3)", f.array()));
        assertArrayEquals(new float[]{1, 2, 3, 4, 5, 6}, Npy.read(dir.resolve("f.npy")).data());

        ByteBuffer be = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putInt(7).putInt(-2);
        Files.write(dir.resolve("be.npy"), handMade(">i4", false, "(2,)", be.array()));
        assertArrayEquals(new float[]{7, -2}, Npy.read(dir.resolve("be.npy")).data());
    }

    @Test
    void truncatedFileIsRejectedWithItsName() throws Exception {
        Path p = dir.resolve("cut.npy");
        Npy.writeFloat32(p, new int[]{10, 10}, new float[100]);
        byte[] all = Files.readAllBytes(p);
        Files.write(p, Arrays.copyOf(all, all.length - 7));
        BadInputException e = assertThrows(BadInputException.class, () -> Npy.read(p));
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void otherCorruptionsAreNamed() throws Exception {
        Path notNpy = dir.resolve("text.npy");
        Files.writeString(notNpy, "this is not an array at all");
        assertTrue(assertThrows(BadInputException.class, () -> Npy.read(notNpy)).getMessage().contains("not a .npy file"));

        Path extra = dir.resolve("extra.npy");
        Files.write(extra, handMade("<f4", false, "(1,)", new byte[8]));
        assertTrue(assertThrows(BadInputException.class, () -> Npy.read(extra)).getMessage().contains("beyond the data"));

        Path complex = dir.resolve("complex.npy");
        Files.write(complex, handMade("<c8", false, "(1,)", new byte[8]));
        assertTrue(assertThrows(BadInputException.class, () -> Npy.read(complex)).getMessage().contains("unsupported"));

        Path missing = dir.resolve("missing.npy");
        assertTrue(assertThrows(BadInputException.class, () -> Npy.read(missing)).getMessage().contains("not found"));
    }
}
