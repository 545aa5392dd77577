package org.v1workbench.model.engine;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.imports.converters.DifferentialFunctionClassHolder;
import org.nd4j.linalg.api.ops.DynamicCustomOp;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Every reflective access this project makes to nd4j's private members, in one place, each
 * looked up once: the two maps of nd4j's op registry (where {@link OneChannelConv2D} and
 * {@link EluFromOutput} replace nd4j's classes) and SameDiff's private
 * {@code initializeTraining} (which sets up the optimiser before the first batch, so that
 * {@link ReplayedSteps} can undo a recorded batch). A member that has moved in another nd4j is
 * reported by {@link #missing()} and its patch stays off: training is then SameDiff's own,
 * slower but the same mathematics ({@link TrainingEngine#patches()} says which).
 */
final class Internals {
    private Internals() {}

    /** The registry's maps: op hash to class, and op hash to op name to class (ops sharing a hash). */
    private static final Field REGISTRY_SINGLE = field(DifferentialFunctionClassHolder.class, "customOpHashToClass");
    private static final Field REGISTRY_SEVERAL = field(DifferentialFunctionClassHolder.class, "customOpHashToClasses");
    /** SameDiff's optimiser set-up, which its first {@code fit} calls. */
    private static final Method INITIALIZE_TRAINING = method(SameDiff.class, "initializeTraining");

    static Field field(Class<?> owner, String name) {
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    static Method method(Class<?> owner, String name) {
        try {
            Method m = owner.getDeclaredMethod(name);
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The private members this nd4j lacks (empty when every patch can work), for the self-check. */
    static java.util.List<String> missing() {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (REGISTRY_SINGLE == null) out.add("DifferentialFunctionClassHolder.customOpHashToClass");
        if (REGISTRY_SEVERAL == null) out.add("DifferentialFunctionClassHolder.customOpHashToClasses");
        if (INITIALIZE_TRAINING == null) out.add("SameDiff.initializeTraining()");
        return out;
    }

    /** Whether the optimiser can be set up before the first batch ({@link #initializeTraining}). */
    static boolean canInitializeTraining() {
        return INITIALIZE_TRAINING != null;
    }

    /** Sets up SameDiff's optimiser state now, as its first {@code fit} would. */
    static void initializeTraining(SameDiff sd) {
        if (INITIALIZE_TRAINING == null) throw new IllegalStateException("this nd4j has no SameDiff.initializeTraining()");
        try {
            INITIALIZE_TRAINING.invoke(sd);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot set up SameDiff's optimiser before the first batch", e);
        }
    }

    /**
     * Registers {@code replacement} for the op that {@code original} (an instance of nd4j's class)
     * runs, under nd4j's name {@code opName} (idempotent). SameDiff builds its gradient function
     * from copies of the graph's ops made through that registry, and loads saved graphs through
     * it, so a subclass registered here changes how an op is differentiated while the forward op,
     * its name and its saved form stay nd4j's. Returns false where this nd4j's registry is not
     * laid out as expected: training then stays correct with nd4j's own gradient.
     */
    @SuppressWarnings("unchecked")
    static synchronized boolean replaceOp(DynamicCustomOp original, String opName, Class<? extends DynamicCustomOp> replacement) {
        if (REGISTRY_SINGLE == null || REGISTRY_SEVERAL == null) return false;
        DifferentialFunctionClassHolder holder = DifferentialFunctionClassHolder.getInstance();
        long hash = original.opHash();
        try {
            Map<Long, Map<String, Class<?>>> byName = (Map<Long, Map<String, Class<?>>>) REGISTRY_SEVERAL.get(holder);
            if (byName.containsKey(hash)) byName.get(hash).put(opName, replacement);
            else ((Map<Long, Class<?>>) REGISTRY_SINGLE.get(holder)).put(hash, replacement);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Whether the registry now gives {@code replacement} for {@code original}'s op (public API: no reflection). */
    static boolean replaced(DynamicCustomOp original, String opName, Class<?> replacement) {
        return DifferentialFunctionClassHolder.getInstance().customOpClassForHashAndName(original.opHash(), opName) == replacement;
    }
}
