package org.v1workbench.model;

import org.nd4j.imports.converters.DifferentialFunctionClassHolder;
import org.nd4j.linalg.api.ops.DynamicCustomOp;

import java.lang.reflect.Field;
import java.util.Map;

/**
 * Puts one of our op classes in nd4j's op registry in place of nd4j's own class for the same
 * native op. SameDiff builds its gradient function from copies of the graph's ops made through
 * that registry, and loads saved graphs through it, so a subclass registered here changes how an
 * op is differentiated while the forward op, its name and its saved form stay nd4j's.
 */
final class OpRegistry {
    private OpRegistry() {}

    /**
     * Registers {@code replacement} for the op that {@code original} (an instance of nd4j's class)
     * runs, under nd4j's name {@code opName} (idempotent). Returns false where this nd4j's registry
     * is not laid out as expected: training then stays correct with nd4j's own gradient.
     */
    @SuppressWarnings("unchecked")
    static synchronized boolean replace(DynamicCustomOp original, String opName, Class<? extends DynamicCustomOp> replacement) {
        DifferentialFunctionClassHolder holder = DifferentialFunctionClassHolder.getInstance();
        long hash = original.opHash();
        try {
            Field single = DifferentialFunctionClassHolder.class.getDeclaredField("customOpHashToClass");
            Field several = DifferentialFunctionClassHolder.class.getDeclaredField("customOpHashToClasses");
            single.setAccessible(true);
            several.setAccessible(true);
            Map<Long, Map<String, Class<?>>> byName = (Map<Long, Map<String, Class<?>>>) several.get(holder);
            if (byName.containsKey(hash)) byName.get(hash).put(opName, replacement);
            else ((Map<Long, Class<?>>) single.get(holder)).put(hash, replacement);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Whether the registry now gives {@code replacement} for {@code original}'s op. */
    static boolean replaced(DynamicCustomOp original, String opName, Class<?> replacement) {
        return DifferentialFunctionClassHolder.getInstance().customOpClassForHashAndName(original.opHash(), opName) == replacement;
    }
}
