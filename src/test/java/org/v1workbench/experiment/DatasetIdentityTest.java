package org.v1workbench.experiment;

import org.junit.jupiter.api.Test;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.TestDatasets;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.*;

class DatasetIdentityTest {

    /** The checksum as its doc defines it, written out value by value: float32 little-endian, stimuli then responses. */
    static String independentChecksum(float[] stimuli, float[] responses) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (float[] a : new float[][]{stimuli, responses})
            for (float v : a) {
                int bits = Float.floatToRawIntBits(v);
                for (int k = 0; k < 4; k++) bytes.write(bits >>> (8 * k) & 0xff);
            }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
    }

    @Test
    void checksumIsTheSha256OfTheLittleEndianFloatsAcrossChunkBoundaries() throws Exception {
        // 300 images of 8 x 8 = 19,200 stimulus values: more than one 16,384-float chunk, and a part of one.
        Dataset d = TestDatasets.withRepeats(300, 3, 5, 7);
        float[] responses = d.responsesArray();
        responses[17] = Float.NaN; // a missing repeat
        Dataset withGap = d.toBuilder().responses(responses, d.repeats(), d.neuronCount()).build();
        assertEquals(independentChecksum(withGap.stimuliArray(), withGap.responsesArray()), DatasetIdentity.checksum(withGap));
        assertNotEquals(DatasetIdentity.checksum(d), DatasetIdentity.checksum(withGap));
    }

    @Test
    void derivedDatasetsShareTheCheckedDataButCheckWhatIsNew() throws Exception {
        Dataset d = TestDatasets.withRepeats(40, 2, 6, 3);
        Dataset session = d.selectNeurons(new int[]{4, 1});
        for (int i = 0; i < d.images(); i++)
            for (int r = 0; r < d.repeats(); r++) {
                assertEquals(d.response(i, r, 4), session.response(i, r, 0));
                assertEquals(d.response(i, r, 1), session.response(i, r, 1));
            }
        assertArrayEquals(d.stimuliArray(), session.stimuliArray());
        assertEquals(independentChecksum(session.stimuliArray(), session.responsesArray()), DatasetIdentity.checksum(session));

        float[] stimuli = d.stimuliArray();
        stimuli[5] = Float.NaN;
        BadInputException e = assertThrows(BadInputException.class, () -> d.toBuilder().stimuli(stimuli, d.images(), d.height(), d.width()).build());
        assertTrue(e.getMessage().contains("stimulus 0 has a NaN pixel"), e.getMessage());
        float[] responses = d.responsesArray();
        responses[3] = -1;
        assertThrows(BadInputException.class, () -> d.toBuilder().responses(responses, d.repeats(), d.neuronCount()).build());
    }
}
