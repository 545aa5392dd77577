package org.v1workbench.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format (versions 1 to 3), read and written in plain Java.
 *
 * <p>Why not ND4J's reader: it is native code that has to load the whole backend for a simple
 * {@code info}, and it trusts the header, so a truncated file can crash the JVM instead of giving
 * the one-line message a scientist needs. This reader checks the magic, the header and the exact
 * data length, and accepts what {@code numpy.save} writes: C or Fortran order, little or big
 * endian, {@code float32/64, int8/16/32/64, uint8/16/32, bool}. Values come back as float.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-zA-Z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** An array read from a .npy file: its shape and its values in C (row-major) order. */
    public record Array(int[] shape, float[] data, String dtype) {
        public int dims() {
            return shape.length;
        }

        public String shapeText() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < shape.length; i++) sb.append(i == 0 ? "" : " x ").append(shape[i]);
            return shape.length == 0 ? "scalar" : sb.toString();
        }
    }

    public static Array read(Path file) {
        return parse(file, bytes(file));
    }

    /** The whole file; a missing or unreadable one is bad input naming it. */
    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BadInputException(file, "file not found");
        } catch (IOException e) {
            throw new BadInputException(file, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** A parsed header: the dtype's byte order, kind and size, the shape, and where the data starts (its length checked). */
    private record Header(char order, char kind, int size, String dtype, boolean fortran, int[] shape, int count, int dataStart) {}

    private static Header header(Path file, byte[] bytes) {
        if (bytes.length < 10) throw new BadInputException(file, "not a .npy file (only " + bytes.length + " bytes)");
        for (int i = 0; i < MAGIC.length; i++)
            if (bytes[i] != MAGIC[i]) throw new BadInputException(file, "not a .npy file (no \\x93NUMPY magic)");
        int major = bytes[6];
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen, headerStart;
        if (major == 1) {
            headerLen = Short.toUnsignedInt(bb.getShort(8));
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) throw new BadInputException(file, "truncated .npy header");
            headerLen = bb.getInt(8);
            headerStart = 12;
        } else {
            throw new BadInputException(file, "unsupported .npy version " + major);
        }
        if (headerLen < 0 || (long) headerStart + headerLen > bytes.length)
            throw new BadInputException(file, "truncated .npy header");
        String header = new String(bytes, headerStart, headerLen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header), f = FORTRAN.matcher(header), s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find())
            throw new BadInputException(file, "unreadable .npy header: " + header.strip());
        char order = d.group(1).charAt(0);
        char kind = d.group(2).charAt(0);
        if (d.group(3).length() > 3) throw new BadInputException(file, "unsupported .npy data type " + d.group(0) + " (items of " + d.group(3) + " bytes)");
        int size = Integer.parseInt(d.group(3));
        String dtype = d.group(1) + kind + size;
        boolean fortran = f.group(1).equals("True");
        int[] shape = parseShape(file, s.group(1));
        // Checked before anything is allocated: a header may claim billions of values, or
        // dimensions whose product overflows a long and wraps round to a small number.
        long count = 1;
        for (int dim : shape) count = Math.min(count * dim, 1L + Integer.MAX_VALUE); // both factors < 2^31: no overflow
        if (count > Integer.MAX_VALUE)
            throw new BadInputException(file, "array too large (shape " + shapeText(shape) + " claims more than " + Integer.MAX_VALUE + " values)");
        int dataStart = headerStart + headerLen;
        long itemBytes = kind == 'U' ? 4L * size : size;
        long expected = count * itemBytes;
        long actual = bytes.length - (long) dataStart;
        if (actual < expected)
            throw new BadInputException(file, "truncated: shape " + shapeText(shape) + " of " + dtype + " needs "
                    + expected + " bytes of data but the file holds " + actual);
        if (actual > expected)
            throw new BadInputException(file, "corrupt: " + (actual - expected) + " bytes beyond the data of shape " + shapeText(shape));
        return new Header(order, kind, size, dtype, fortran, shape, (int) count, dataStart);
    }

    static Array parse(Path file, byte[] bytes) {
        Header h = header(file, bytes);
        ByteBuffer data = ByteBuffer.wrap(bytes, h.dataStart, h.count * h.size).slice()
                .order(h.order == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[h.count];
        for (int i = 0; i < values.length; i++) values[i] = element(file, data, i, h.kind, h.size, h.dtype);
        if (h.fortran && h.shape.length > 1) values = fortranToC(values, h.shape);
        return new Array(h.shape, values, h.dtype);
    }

    /**
     * A one-dimensional array of text: NumPy's fixed-width strings ({@code <U}, UTF-32; {@code |S},
     * bytes), or numbers written as text. Sensorium keeps tiers and brain areas so.
     */
    public static String[] readStrings(Path file) {
        byte[] bytes = bytes(file);
        Header h = header(file, bytes);
        if (h.kind == 'O') throw new BadInputException(file, "holds Python objects (dtype object), which only pickle reads; save it as strings");
        String[] out = new String[h.count];
        if (h.kind == 'U' || h.kind == 'S') {
            int item = h.kind == 'U' ? 4 * h.size : h.size;
            for (int i = 0; i < h.count; i++) {
                int at = h.dataStart + i * item;
                String v = h.kind == 'U'
                        ? new String(bytes, at, item, h.order == '>' ? java.nio.charset.Charset.forName("UTF-32BE") : java.nio.charset.Charset.forName("UTF-32LE"))
                        : new String(bytes, at, item, StandardCharsets.UTF_8);
                int nul = v.indexOf('\0');
                out[i] = nul < 0 ? v : v.substring(0, nul);
            }
            return out;
        }
        float[] v = parse(file, bytes).data();
        for (int i = 0; i < v.length; i++) out[i] = v[i] == Math.rint(v[i]) ? Long.toString((long) v[i]) : Float.toString(v[i]);
        return out;
    }

    private static float element(Path file, ByteBuffer b, int i, char kind, int size, String dtype) {
        int at = i * size;
        switch (kind) {
            case 'f':
                if (size == 4) return b.getFloat(at);
                if (size == 8) return (float) b.getDouble(at);
                break;
            case 'i':
                if (size == 1) return b.get(at);
                if (size == 2) return b.getShort(at);
                if (size == 4) return b.getInt(at);
                if (size == 8) return b.getLong(at);
                break;
            case 'u':
                if (size == 1) return Byte.toUnsignedInt(b.get(at));
                if (size == 2) return Short.toUnsignedInt(b.getShort(at));
                if (size == 4) return Integer.toUnsignedLong(b.getInt(at));
                break;
            case 'b':
                if (size == 1) return b.get(at) != 0 ? 1f : 0f;
                break;
            default:
        }
        throw new BadInputException(file, "unsupported .npy data type " + dtype + " (use float32, float64, integers or bool)");
    }

    private static int[] parseShape(Path file, String text) {
        List<Integer> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) continue;
            try {
                long v = Long.parseLong(p.endsWith("L") ? p.substring(0, p.length() - 1) : p);
                if (v < 0) throw new NumberFormatException();
                if (v > Integer.MAX_VALUE)
                    throw new BadInputException(file, "array too large (a dimension of " + v + " in shape (" + text + "))");
                dims.add((int) v);
            } catch (NumberFormatException e) {
                throw new BadInputException(file, "bad .npy shape (" + text + ")");
            }
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    private static float[] fortranToC(float[] f, int[] shape) {
        float[] c = new float[f.length];
        int nd = shape.length;
        int[] idx = new int[nd];
        for (int fi = 0; fi < f.length; fi++) {
            // fi enumerates indices with the first axis fastest; compute the C offset.
            int ci = 0;
            for (int a = 0; a < nd; a++) ci = ci * shape[a] + idx[a];
            c[ci] = f[fi];
            for (int a = 0; a < nd; a++) {
                if (++idx[a] < shape[a]) break;
                idx[a] = 0;
            }
        }
        return c;
    }

    static String shapeText(int[] shape) {
        return new Array(shape, new float[0], "").shapeText();
    }

    /** Writes a little-endian float32 array in C order. */
    public static void writeFloat32(Path file, int[] shape, float[] data) throws IOException {
        checkLength(shape, data.length);
        ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : data) b.putFloat(v);
        write(file, "<f4", shape, b.array());
    }

    /** Writes an unsigned-byte array in C order (values are rounded and clamped to 0..255). */
    public static void writeUint8(Path file, int[] shape, float[] data) throws IOException {
        checkLength(shape, data.length);
        byte[] b = new byte[data.length];
        for (int i = 0; i < data.length; i++) b[i] = (byte) Math.max(0, Math.min(255, Math.round(data[i])));
        write(file, "|u1", shape, b);
    }

    private static void checkLength(int[] shape, int length) {
        long count = 1;
        for (int d : shape) count *= d;
        if (count != length) throw new IllegalArgumentException("shape " + shapeText(shape) + " does not hold " + length + " values");
    }

    private static void write(Path file, String descr, int[] shape, byte[] data) throws IOException {
        StringBuilder shapeText = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) shapeText.append(shape[i]).append(i == 0 && shape.length == 1 ? "," : i < shape.length - 1 ? ", " : "");
        shapeText.append(")");
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeText + ", }";
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer out = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        Files.write(file, out.array());
    }
}
