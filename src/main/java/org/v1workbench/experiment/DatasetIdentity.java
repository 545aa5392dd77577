package org.v1workbench.experiment;

import org.v1workbench.data.Dataset;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Which data an experiment was trained on: name, source, the folder it was opened from (empty
 * where it was in memory, as the sample is), sizes and a SHA-256 checksum of the stimuli and
 * responses. The checksum is over the float32 little-endian bytes of the stimuli
 * ({@code images x height x width}) followed by those of the responses
 * ({@code images x repeats x neurons}, NaN as Java's canonical float NaN), in C order: the values
 * the workbench computes with, whichever file format they came from. {@code responses} and
 * {@code unit} say what the values were taken to be (the loss and output followed it); files
 * written before the kind existed mean spike counts.
 */
public record DatasetIdentity(String name, String source, String location, int images, int height, int width, int repeats, int neurons,
                              String sha256, String responses, String unit) {
    /** What {@link #checksum} digests, as the files that record a checksum say it. */
    public static final String CHECKSUM_OF =
            "float32 little-endian stimuli (images x height x width) then responses (images x repeats x neurons), C order";

    /** Writes the identity into {@code o} (the {@code dataset} object of config.json and of a benchmark's provenance). */
    public void writeTo(com.fasterxml.jackson.databind.node.ObjectNode o) {
        o.put("name", name);
        o.put("source", source);
        o.put("location", location);
        o.put("images", images);
        o.put("height", height);
        o.put("width", width);
        o.put("repeats", repeats);
        o.put("neurons", neurons);
        o.put("sha256", sha256);
        o.put("sha256_of", CHECKSUM_OF);
        o.put("responses", responses);
        o.put("unit", unit);
    }

    public static DatasetIdentity of(Dataset d) {
        return new DatasetIdentity(d.name(), d.source(), d.location(), d.images(), d.height(), d.width(), d.repeats(), d.neuronCount(),
                checksum(d), d.responseKind().label(), d.unit());
    }

    public static String checksum(Dataset d) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            update(md, d.stimuliView());
            update(md, d.responsesView());
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this Java", e);
        }
    }

    /** Digests {@code values} 16,384 floats at a time (no copy of the whole array: see Dataset.toBuilder). */
    private static void update(MessageDigest md, FloatBuffer values) {
        ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        FloatBuffer asFloats = b.asFloatBuffer(); // little-endian view of b's bytes
        while (values.hasRemaining()) {
            int n = Math.min(values.remaining(), asFloats.capacity());
            asFloats.clear();
            asFloats.put(values.slice().limit(n)); // raw bits, as ByteBuffer.putFloat writes them
            values.position(values.position() + n);
            md.update(b.array(), 0, 4 * n);
        }
    }
}
