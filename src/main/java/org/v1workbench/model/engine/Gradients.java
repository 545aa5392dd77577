package org.v1workbench.model.engine;

import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Builds a graph's gradient function. For training, of the parameters only: the first
 * convolution's gradient with respect to a one-channel image is the slowest op of training in
 * oneDNN 2.3 (its backward-data pass pads the channel to 16; see {@link OneChannelConv2D}), and
 * training never needs it. Probes (receptive fields, most exciting inputs) ask for the input's too.
 *
 * <p>SameDiff 1.0.0-M2.1 prints "Added differentiated op ..." to {@code System.out} for every op;
 * those lines (and only those) are dropped, so that commands' standard output stays clean.
 */
public final class Gradients {
    private Gradients() {}

    private static final Object STDOUT_LOCK = new Object();

    /** The parameters' gradient function, built once. */
    static void ensure(SameDiff sd) {
        if (sd.getFunction("grad") == null) create(sd, null);
    }

    /** Builds the gradient function of the parameters, and of placeholder {@code input} too where not null. */
    public static void create(SameDiff sd, String input) {
        synchronized (STDOUT_LOCK) {
            java.io.PrintStream old = System.out;
            System.setOut(new QuietStream(old));
            try {
                if (input != null) sd.createGradFunction(input);
                else sd.createGradFunction();
            } finally {
                System.setOut(old);
            }
        }
    }

    /** Passes everything through except SameDiff's "Added differentiated op" lines. */
    private static final class QuietStream extends java.io.PrintStream {
        QuietStream(java.io.PrintStream out) {
            super(out, true);
        }

        @Override public void println(String x) {
            if (x != null && x.startsWith("Added differentiated op")) return;
            super.println(x);
        }
    }
}
