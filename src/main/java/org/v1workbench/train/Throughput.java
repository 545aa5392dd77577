package org.v1workbench.train;

import org.v1workbench.model.engine.Backend;
import org.v1workbench.model.ModelConfig;
import org.v1workbench.model.Network;
import org.v1workbench.model.NetworkSpec;
import org.v1workbench.model.Presets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Training throughput on random data with exactly the shapes, batch sizes and optimiser of
 * {@code bench/torch_reference.py}: kindel2019 on 2000 images of 33x33 with 37 neurons in batches
 * of 50; core-readout on 1024 images of 64x64 with 100 neurons (a 48x48 readout) in batches of
 * 64; Adam at 1e-3; inputs uniform in [0, 1), responses uniform in [0, 1). The networks compute
 * what the reference's do ({@link #referenceSettings}): kindel2019 with squared error and without
 * dropout or weight decay, core-readout without its penalties; with {@code presetDefaults} they
 * keep the presets' own (what {@code train} runs). Epochs run through the same
 * {@link Network#trainEpoch} as real training, the last short batch dropped as the reference
 * does; the first epoch is not counted and the best of the others is reported.
 */
public final class Throughput {
    private Throughput() {}

    /**
     * One preset's figure: training images per second (best timed epoch) and each epoch's;
     * {@code imagesPerSecondWhole}: all the images of every epoch, the first included, over the
     * whole training time, as a user waits for it (JIT warm-up and all);
     * {@code opSummary}: the per-op time table of the last epoch when profiled, else empty.
     */
    public record Result(String model, long params, double imagesPerSecond, List<Double> epochImagesPerSecond, int threads,
                         String backend, long peakRssMb, String opSummary, double imagesPerSecondWhole) {}

    /** The reference shapes: input size, neurons, batch size, images. */
    record Shape(int height, int width, int neurons, int batch, int images) {
        Shape(int size, int neurons, int batch, int images) {
            this(size, size, neurons, batch, images);
        }
    }

    static Shape shape(String model) {
        return switch (model) {
            case "kindel2019" -> new Shape(33, 37, 50, 2000);
            case "core-readout" -> new Shape(64, 100, 64, 1024);
            case "sensorium" -> new Shape(36, 64, 100, 64, 256);
            default -> throw new org.v1workbench.data.BadInputException("no reference shape for '" + model
                    + "' (throughput is measured for kindel2019, core-readout and sensorium, as torch_reference.py)");
        };
    }

    public static Result measure(String model, int epochs) {
        return measure(model, epochs, null, false);
    }

    /** The hyperparameters that make a preset compute what {@code torch_reference.py}'s network does. */
    static Map<String, String> referenceSettings(String model) {
        return switch (model) {
            case "kindel2019" -> Map.of("loss", "mse", "dropout", "0", "weight_decay", "0");
            case "core-readout" -> Map.of("laplace", "0", "l1_mask", "0", "l1_features", "0");
            case "sensorium" -> Map.of("laplace_l2norm", "0", "gamma_readout", "0");
            default -> Map.of();
        };
    }

    /**
     * As {@link #measure(String, int)}; with {@code profile} not null, the last epoch also runs
     * under SameDiff's profiling listener, which writes a Chrome trace of every op to
     * {@code profile} (open in chrome://tracing) and returns with {@link Result#opSummary()} the
     * per-op time table (ND4J's ProfileAnalyzer): where the training time goes. The profiled
     * epoch still counts, so profile with one epoch more than usual. It runs through SameDiff's
     * session (the profiler is a listener of it), so its op times are the kernels' and its
     * per-op Java overhead is SameDiff's, not the recorded steps' ({@code Network.trainEpoch}).
     */
    public static Result measure(String model, int epochs, java.nio.file.Path profile, boolean presetDefaults) {
        if (epochs < 2) throw new org.v1workbench.data.BadInputException("--epochs must be at least 2 (the first is not counted)");
        Backend.Info info = Backend.init();
        Shape s = shape(model);
        SplittableRandom r = new SplittableRandom(0);
        float[] x = new float[s.images() * s.height() * s.width()], y = new float[s.images() * s.neurons()];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
        for (int i = 0; i < y.length; i++) y[i] = (float) r.nextDouble();
        Map<String, String> settings = new java.util.HashMap<>(presetDefaults ? Map.of() : referenceSettings(model));
        settings.put("batch_size", Integer.toString(s.batch()));
        settings.put("lr", "0.001");
        ModelConfig c = Presets.config(model, settings, 0);
        Network net = Network.create(c, NetworkSpec.of(x, s.images(), s.height(), s.width(), y, s.neurons(), false));
        Network.TrainingSet set = Network.TrainingSet.of(x, y, s.images());
        List<Double> per = new ArrayList<>();
        double best = 0, seconds = 0;
        long images = 0;
        int threads = info.threads();
        try (CoreShare registered = CoreShare.register()) {
            for (int e = 0; e < epochs; e++) {
                int shared = CoreShare.adjust();
                if (shared > 0) threads = shared; // the last epoch's: fewer where other processes train
                if (profile != null && e == epochs - 1)
                    net.graph().addListeners(org.nd4j.autodiff.listeners.profiler.ProfilingListener.builder(profile.toFile())
                            .recordAll().warmup(0).build());
                Network.EpochResult er = net.trainEpoch(set, e, null, true);
                per.add(er.imagesPerSecond());
                seconds += er.seconds();
                images += er.images();
                if (e > 0) best = Math.max(best, er.imagesPerSecond());
            }
        }
        String ops = "";
        if (profile != null) {
            // The profiler's file is complete after the epoch; the network's own listeners stay.
            net.graph().setListeners(net.graph().getListeners().stream()
                    .filter(l -> !(l instanceof org.nd4j.autodiff.listeners.profiler.ProfilingListener)).toArray(org.nd4j.autodiff.listeners.Listener[]::new));
            ops = org.nd4j.autodiff.listeners.profiler.comparison.ProfileAnalyzer.summarizeProfileStr(profile.toFile(),
                    org.nd4j.autodiff.listeners.profiler.comparison.ProfileAnalyzer.ProfileFormat.SAMEDIFF);
        }
        return new Result(model, net.parameterCount(), best, per, threads, "linux-x86_64-" + info.variant(), org.v1workbench.model.engine.ProcessMemory.peakResidentMb(), ops,
                seconds > 0 ? images / seconds : Double.NaN);
    }
}
