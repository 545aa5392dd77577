package org.v1workbench.probe;

import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.Tiers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole in-silico experiment on one model, as {@code probe} runs it: receptive fields (on a
 * seeded sample of the dataset's images, and on white noise), tuning at each neuron's fitted RF,
 * predicted rates for every dataset image (top and bottom images), most exciting inputs (for
 * every neuron, or the first {@link ProbeSettings#meiNeurons}); then the report.
 */
public final class Probes {
    private Probes() {}

    /**
     * Probes {@code model}, whose neuron n is the dataset's neuron n, and writes the report to
     * {@code outDir} (replaced atomically; see {@link ProbeReport}).
     */
    public static ProbeResult run(ResponseModel model, Dataset data, ProbeSettings settings, Path outDir,
                                  ProbeProgress progress) throws IOException {
        ProbeResult result = probe(model, data, settings, progress);
        ProbeReport.write(result, data, outDir);
        return result;
    }

    /** The seed of neuron n's most exciting input search. */
    static long meiSeed(ProbeSettings s, int neuron) {
        return s.seed() * 1_000_003L + neuron;
    }

    /** The probes without writing anything. */
    public static ProbeResult probe(ResponseModel model, Dataset data, ProbeSettings s, ProbeProgress progress) {
        if (model.height() != data.height() || model.width() != data.width())
            throw new BadInputException("dataset '" + data.name() + "' has " + data.height() + " x " + data.width()
                    + " images but the model takes " + model.height() + " x " + model.width());
        if (model.neurons() != data.neuronCount())
            throw new BadInputException("dataset '" + data.name() + "' has " + data.neuronCount()
                    + " neurons but the model predicts " + model.neurons());
        int h = data.height(), w = data.width(), p = h * w, nn = model.neurons();
        PixelStats stats = PixelStats.of(data);
        int[] all = new int[nn];
        for (int n = 0; n < nn; n++) all[n] = n;

        int sample = Math.min(s.gradientImages(), data.images());
        int[] order = Tiers.permutation(data.images(), s.seed());
        float[] images = new float[sample * p];
        for (int i = 0; i < sample; i++) System.arraycopy(data.stimulus(order[i]), 0, images, i * p, p);
        ReceptiveField[] rfs = ReceptiveFieldProbe.fromGradients(model, all, images, sample, progress);
        if (s.noiseImages() > 0) {
            float[][] sta = ReceptiveFieldProbe.sta(model, all, s.noiseImages(), stats.mean(), s.noiseSd() * stats.sd(),
                    s.seed(), s.batchSize(), progress);
            for (int n = 0; n < nn; n++) rfs[n] = ReceptiveFieldProbe.withSta(rfs[n], sta[n]);
        }

        double[] rx = new double[nn], ry = new double[nn], rs = new double[nn];
        for (int n = 0; n < nn; n++) {
            rx[n] = rfs[n].x();
            ry[n] = rfs[n].y();
            rs[n] = rfs[n].size();
        }
        Tuning[] tunings = TuningProbe.measure(model, all, rx, ry, rs, stats, s, progress);

        double[][] natural = MostExcitingInput.predict(model, data.stimuliArray(), data.images(), s.batchSize(), progress);
        MostExcitingInput.Mei[] meis = new MostExcitingInput.Mei[nn];
        if (s.meiSteps() > 0) {
            int withMei = s.meiNeurons() > 0 ? Math.min(s.meiNeurons(), nn) : nn;
            for (int start = 0; start < withMei; start += s.batchSize()) {
                int m = Math.min(s.batchSize(), withMei - start);
                int[] group = new int[m];
                long[] seeds = new long[m];
                for (int q = 0; q < m; q++) {
                    group[q] = start + q;
                    seeds[q] = meiSeed(s, start + q);
                }
                System.arraycopy(MostExcitingInput.ascend(model, group, stats, stats.typicalNorm(), s, seeds,
                        n -> data.stimulus(MostExcitingInput.bestNatural(natural, n))), 0, meis, start, m);
                progress.update("most exciting inputs", start + m, withMei);
            }
        }
        List<NeuronProbe> out = new ArrayList<>();
        for (int n = 0; n < nn; n++)
            out.add(new NeuronProbe(data.neuron(n).id(), n, rfs[n], tunings[n], meis[n],
                    MostExcitingInput.extremes(natural, n, s.topImages())));
        return new ProbeResult(out, stats, s, h, w, model.firstLayerKernels());
    }
}
