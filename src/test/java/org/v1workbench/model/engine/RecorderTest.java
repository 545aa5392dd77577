package org.v1workbench.model.engine;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.adapter.SingletonMultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recorder refuses a graph with an op that SameDiff's session runs specially (training then stays SameDiff's). */
class RecorderTest {
    @Test
    void aRecordingWithAnOpThatSameDiffRunsSpeciallyIsNotReplayed() {
        Backend.init();
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("in", DataType.FLOAT, -1, 3);
        SDVariable label = sd.placeHolder("label", DataType.FLOAT, -1, 2);
        SDVariable w = sd.var("w", Nd4j.rand(DataType.FLOAT, 3, 2));
        SDVariable out = sd.identity(in.mmul(w));
        SDVariable d = out.sub(label);
        d.mul(d).mean("loss");
        sd.setLossVariables("loss");
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(1e-3)).dataSetFeatureMapping("in").dataSetLabelMapping("label").build());
        RecordedStep.Recorder recorder = new RecordedStep.Recorder();
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3), y = Nd4j.rand(DataType.FLOAT, 4, 2);
        sd.fit(new SingletonMultiDataSetIterator(new org.nd4j.linalg.dataset.MultiDataSet(x, y)), 1, recorder);
        assertNotNull(recorder.unsupported());
        assertTrue(recorder.unsupported().contains("identity"), recorder.unsupported());
    }
}
