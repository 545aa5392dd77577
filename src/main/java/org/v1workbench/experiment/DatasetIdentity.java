package org.v1workbench.experiment;

import org.v1workbench.data.Dataset;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Which data an experiment was trained on: name, source, sizes and a SHA-256 checksum of the
 * stimuli and responses. The checksum is over the float32 little-endian bytes of the stimuli
 * ({@code images x height x width}) followed by those of the responses
 * ({@code images x repeats x neurons}, NaN as Java's canonical float NaN), in C order: the values
 * the workbench computes with, whichever file format they came from.
 */
public record DatasetIdentity(String name, String source, int images, int height, int width, int repeats, int neurons,
                              String sha256) {
    public static DatasetIdentity of(Dataset d) {
        return new DatasetIdentity(d.name(), d.source(), d.images(), d.height(), d.width(), d.repeats(), d.neuronCount(),
                checksum(d));
    }

    public static String checksum(Dataset d) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            update(md, d.stimuliArray());
            update(md, d.responsesArray());
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this Java", e);
        }
    }

    private static void update(MessageDigest md, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            if (!b.hasRemaining()) {
                md.update(b.array(), 0, b.position());
                b.clear();
            }
            b.putFloat(v);
        }
        md.update(b.array(), 0, b.position());
    }
}
