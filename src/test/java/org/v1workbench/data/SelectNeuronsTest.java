package org.v1workbench.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Choosing neurons: every neuron in order is the dataset itself (no copy of its responses, which
 * at Sensorium's scale was a 0.6 s stall of every thread at each autosave); any other choice
 * gives those neurons' responses, in the order asked, and their trial means.
 */
class SelectNeuronsTest {
    @Test
    void everyNeuronInOrderIsTheDatasetAndOtherChoicesCopyTheirResponses() {
        Dataset d = org.v1workbench.ui.TestDatasets.build(30, 8, 3, 7, 11);
        int[] all = {0, 1, 2, 3, 4, 5, 6};
        assertSame(d, d.selectNeurons(all));
        double[][] means = d.meanResponses();

        for (int[] pick : new int[][]{{6, 5, 4, 3, 2, 1, 0}, {2, 4}, {0, 1, 2, 3, 4, 5}}) {
            Dataset s = d.selectNeurons(pick);
            assertNotSame(d, s);
            assertEquals(pick.length, s.neuronCount());
            for (int j = 0; j < pick.length; j++) {
                assertEquals(d.neuron(pick[j]).id(), s.neuron(j).id());
                for (int i = 0; i < d.images(); i++) {
                    for (int r = 0; r < d.repeats(); r++)
                        assertEquals(d.response(i, r, pick[j]), s.response(i, r, j), 0f, "image " + i + ", repeat " + r);
                    assertEquals(d.meanResponse(i, pick[j]), s.meanResponse(i, j), 0, "trial mean, image " + i);
                    assertEquals(means[i][pick[j]], s.meanResponse(i, j), 0);
                }
            }
        }
    }
}
