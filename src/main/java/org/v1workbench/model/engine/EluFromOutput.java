package org.v1workbench.model.engine;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ops.impl.transforms.strict.ELU;

import java.util.List;
import java.util.Map;

/**
 * nd4j's {@code elu} with its gradient computed from the output instead of the input: for
 * {@code alpha = 1}, {@code elu'(x) = 1} where {@code x > 0} and {@code e^x = elu(x) + 1} where
 * {@code x <= 0}; since {@code elu(x) > 0} exactly where {@code x > 0}, that is
 * {@code 1 + min(elu(x), 0)} everywhere, and the input gradient is {@code g * (1 + min(y, 0))}.
 *
 * <p>Why: nd4j's {@code elu_bp} computes {@code e^x} again, and nd4j's {@code exp} is not
 * vectorised in this build, so for a network with large activations (core-readout's three ELUs)
 * the {@code elu_bp} ops are a large share of a training step (docs/benchmarks.md); the scalar
 * minimum, scalar addition and product that replace each are vectorised element-wise loops.
 * Where {@code e^x} is below float's resolution next to 1 ({@code x < -17}) the float gradient
 * is 0 instead of about {@code e^x}: an absolute difference under 6e-8.
 *
 * <p>Registered in nd4j's op registry in place of {@code ELU} ({@link #install}, from
 * {@link Backend#init}), as {@link OneChannelConv2D} is: the forward op, its name and its saved
 * form are nd4j's. Checked against {@code elu_bp} by {@code EluFromOutputTest} and by the presets'
 * finite-difference gradient checks.
 */
public final class EluFromOutput extends ELU {
    /** For nd4j's registry, which instantiates ops by reflection. */
    public EluFromOutput() {}

    /** Registers this class as the implementation of nd4j's {@code elu} op (idempotent). */
    static void install() {
        Internals.replaceOp(new ELU(), "elu", EluFromOutput.class);
    }

    /** Whether the op registry now gives this class for {@code elu}. */
    static boolean installed() {
        return Internals.replaced(new ELU(), "elu", EluFromOutput.class);
    }

    /** The op's alpha as the native op reads it: its argument, 1 when absent (a copy made through the registry has no alpha field set). */
    private double nativeAlpha() {
        return tArgs().length > 0 ? tArgs()[0] : 1.0;
    }

    /**
     * nd4j's registry knows the property fields of its own op classes only, and would warn about
     * {@code alpha} for this one when a saved graph is read: set it here.
     */
    @Override public void setPropertiesForFunction(Map<String, Object> properties) {
        if (properties.get("alpha") instanceof Number a) alpha = a.doubleValue();
    }

    @Override public Map<String, Object> propertiesForFunction() {
        return Map.of("alpha", nativeAlpha());
    }

    @Override public List<SDVariable> doDiff(List<SDVariable> gradients) {
        double a = nativeAlpha();
        if (a != 1.0) return super.doDiff(gradients);
        SDVariable y = outputVariable(), g = gradients.get(0);
        return List.of(sameDiff.scalarMin(y, 0).add(1.0).mul(g));
    }
}
