package org.v1workbench.model;

import org.nd4j.autodiff.samediff.SDVariable;

import java.util.List;
import java.util.Map;

/**
 * A shared convolutional core with a factorized readout per neuron (Klindt et al. 2017): conv
 * 13x13x32, then two 3x3x32, each ELU (or ReLU), valid padding; neuron n's drive is
 * {@code sum_c f[c,n] * sum_xy m[xy,n] * core[c,xy] + b[n]} (a spatial mask times feature
 * weights), softplus output, Poisson loss. Penalties: a Laplacian smoothness penalty on the
 * first-layer filters ({@code laplace}, summed squared Laplacian), and L1 on masks and
 * features ({@code l1_mask}, {@code l1_features}, per neuron: summed over its weights, averaged
 * over neurons). The core may be shared by the neurons of several sessions.
 *
 * <p>The readout is two matrix products on views of the core's output (no transposes): the core
 * {@code batch x C x H x W} is viewed as {@code (batch*C) x (H*W)} times the masks
 * {@code (H*W) x N}, viewed back as {@code batch x C x N}, weighted by the features
 * {@code C x N} and summed over C. That is PyTorch's {@code einsum("bchw,nhw->bnc")}.
 */
final class CoreReadout extends Preset {
    @Override public String name() { return "core-readout"; }

    @Override public String description() {
        return "shared 3-layer conv core (13x13, 3x3, 3x3, 32 channels) + factorized readout (mask x features), Poisson";
    }

    @Override List<String> ownHyperparameters() {
        return List.of("filters", "first_size", "size", "layers", "activation", "laplace", "l1_mask", "l1_features", "init_sd",
                "readout", "init_mu_range", "init_sigma", "core_from", "freeze_core");
    }

    @Override Map<String, String> changedDefaults() {
        return Map.of("batch_size", "64", "lr_decay", "0.3");
    }

    @Override public boolean sharesAcrossSessions(ModelConfig config) {
        return true;
    }

    /**
     * Where grid pixel 0 of the core's output sits in the image (pixels; valid convolutions of
     * stride 1 each trim half their kernel), and the grid's size {@code {offset, height, width}}.
     */
    static int[] grid(ModelConfig c, NetworkSpec spec) {
        int k1 = c.integer("first_size"), k = c.integer("size"), layers = c.integer("layers");
        int offset = (k1 - 1) / 2 + (layers - 1) * ((k - 1) / 2);
        int trim = (k1 - 1) + (layers - 1) * (k - 1);
        return new int[]{offset, spec.height() - trim, spec.width() - trim};
    }

    @Override public List<String> coreParameterPrefixes() {
        return List.of("conv");
    }

    @Override Network define(Layers l) {
        ModelConfig c = l.config;
        int f = c.integer("filters"), k1 = c.integer("first_size"), k = c.integer("size"), layers = c.integer("layers");
        if (layers < 1) throw new org.v1workbench.data.BadInputException("layers must be at least 1, not " + layers);
        String act = c.text("activation");
        int h = l.valid(l.spec.height(), k1, 1, "conv1"), w = l.valid(l.spec.width(), k1, 1, "conv1");
        for (int i = 2; i <= layers; i++) {
            h = l.valid(h, k, 1, "conv" + i);
            w = l.valid(w, k, 1, "conv" + i);
        }
        int n = l.spec.neurons();

        SDVariable a = l.activation(l.conv("conv1", l.input(), 1, f, k1, false), act);
        for (int i = 2; i <= layers; i++) a = l.activation(l.conv("conv" + i, a, f, f, k, false), act);

        double init = c.number("init_sd");
        SDVariable drive, features, mask = null;
        if (c.hyperparameters().getOrDefault("readout", "factorized").equals("gaussian")) {
            features = l.normal("features", init, f, n);
            drive = l.gaussianReadout(a, f, h, w, features, c.number("init_mu_range"), c.number("init_sigma"));
        } else {
            mask = l.normal("mask", init, (long) h * w, n);
            features = l.normal("features", init, f, n);
            SDVariable perChannel = a.reshape(-1, (long) h * w).mmul(mask).reshape(-1, f, n);   // (b*C, N) -> (b, C, N)
            drive = perChannel.mul(features).sum(1);                                             // (b, N)
        }
        drive = drive.add(l.outputBias("readout_b"));

        l.penalise(c.number("laplace"), l.laplacianSquared("conv1_smoothness", Layers.kernelsAsImages(l.sd.getVariable("conv1_w"))));
        if (mask != null) l.penalise(c.number("l1_mask") / n, l.sd.math.abs(mask).sum());
        l.penalise(c.number("l1_features") / n, l.sd.math.abs(features).sum());
        return l.finish(l.output(drive));
    }
}
