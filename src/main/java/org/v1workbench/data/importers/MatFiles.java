package org.v1workbench.data.importers;

import org.v1workbench.data.BadInputException;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;

import java.nio.file.Files;
import java.nio.file.Path;

/** Reading MAT-files (through mfl-core) with messages that name the file and the variable. */
final class MatFiles {
    private MatFiles() {}

    static MatFile open(Path f) {
        if (!Files.isRegularFile(f)) throw new BadInputException(f, "file not found");
        try {
            return Mat5.readFromFile(f.toFile());
        } catch (Exception | OutOfMemoryError e) {
            throw new BadInputException(f, "not a readable MAT-file (" + describe(e) + ")", e);
        }
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
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }
}
