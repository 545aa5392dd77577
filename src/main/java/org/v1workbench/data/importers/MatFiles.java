package org.v1workbench.data.importers;

import org.v1workbench.data.BadInputException;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Source;
import us.hebi.matlab.mat.types.Sources;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Reading MAT-files (through mfl-core) with messages that name the file and the variable. */
final class MatFiles {
    private MatFiles() {}

    static MatFile open(Path f) {
        if (!Files.isRegularFile(f)) throw new BadInputException(f, "file not found");
        rejectHdf5(f);
        try {
            return Mat5.readFromFile(f.toFile());
        } catch (Exception | OutOfMemoryError e) {
            throw new BadInputException(f, "not a readable MAT-file (" + describe(e) + ")", e);
        }
    }

    /**
     * Reads only the variables named in {@code wanted}: the others (pvc-8's {@code resp_train_blk},
     * twice the size of {@code resp_train}) are skipped without being decompressed or copied.
     */
    static MatFile open(Path f, Set<String> wanted) {
        if (!Files.isRegularFile(f)) throw new BadInputException(f, "file not found");
        rejectHdf5(f);
        try (Source src = Sources.openFile(f.toFile())) {
            return Mat5.newReader(src).setEntryFilter(h -> wanted.contains(h.getName())).readMat();
        } catch (Exception | OutOfMemoryError e) {
            throw new BadInputException(f, "truncated or corrupt, not a readable MAT-file (" + describe(e) + ")", e);
        }
    }

    /** A variable's name, class and dimensions, as stored in its header. */
    record Header(String name, MatlabType type, int[] dims) {}

    /**
     * The headers of every variable in {@code f}, read without loading any variable's data (the
     * file is streamed, each variable skipped after its header): cheap even for a file of GBs.
     */
    static Map<String, Header> headers(Path f) {
        if (!Files.isRegularFile(f)) throw new BadInputException(f, "file not found");
        rejectHdf5(f);
        Map<String, Header> out = new LinkedHashMap<>();
        try (Source src = Sources.openStreamingFile(f.toFile())) {
            Mat5.newReader(src).setEntryFilter(h -> {
                out.put(h.getName(), new Header(h.getName(), h.getType(), h.getDimensions()));
                return false;
            }).readMat();
        } catch (Exception | OutOfMemoryError e) {
            throw new BadInputException(f, "truncated or corrupt, not a readable MAT-file (" + describe(e) + ")", e);
        }
        return out;
    }

    /** MATLAB's -v7.3 files are HDF5, which mfl-core cannot read: say so rather than "corrupt". */
    private static void rejectHdf5(Path f) {
        byte[] head = new byte[20];
        int n;
        try (InputStream in = Files.newInputStream(f)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new BadInputException(f, "cannot be read (" + describe(e) + ")", e);
        }
        if (new String(head, 0, n, StandardCharsets.US_ASCII).startsWith("MATLAB 7.3"))
            throw new BadInputException(f, "is a MATLAB 7.3 (HDF5) MAT-file, which is not supported; save it again with save(..., '-v7')");
    }

    static Array variable(MatFile mat, Path f, String name) {
        try {
            return mat.getArray(name);
        } catch (RuntimeException e) {
            throw new BadInputException(f, "has no variable '" + name + "'");
        }
    }

    static Matrix matrix(MatFile mat, Path f, String name) {
        Array a = variable(mat, f, name);
        if (!(a instanceof Matrix m)) throw new BadInputException(f, "variable '" + name + "' is a " + a.getType() + ", not a numeric array");
        return m;
    }

    static String dims(int[] d) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < d.length; i++) sb.append(i == 0 ? "" : " x ").append(d[i]);
        return sb.toString();
    }

    /** A 3-D MATLAB array (column-major) as a C-order float array of the same shape. */
    static float[] toCOrder3(Matrix m) {
        int[] d = m.getDimensions();
        float[] out = new float[d[0] * d[1] * d[2]];
        int[] idx = new int[3];
        for (int i = 0; i < d[0]; i++)
            for (int y = 0; y < d[1]; y++)
                for (int x = 0; x < d[2]; x++) {
                    idx[0] = i;
                    idx[1] = y;
                    idx[2] = x;
                    out[(i * d[1] + y) * d[2] + x] = (float) m.getDouble(idx);
                }
        return out;
    }

    static String describe(Throwable e) {
        // mfl-core wraps its reasons in IOExceptions: name the innermost one, in words where we can.
        while (e.getCause() != null && e.getCause() != e) e = e.getCause();
        if (e instanceof java.io.EOFException) return "the file ends too early";
        if (e instanceof OutOfMemoryError) return "it claims more data than memory holds";
        String m = e.getMessage();
        if (m != null && !m.isBlank() && (e instanceof IllegalArgumentException || e instanceof IOException))
            return m.lines().findFirst().orElse("");
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }
}
