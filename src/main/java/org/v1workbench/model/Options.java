package org.v1workbench.model;

import org.v1workbench.data.BadInputException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed options: records whose components carry {@link Option}. One record per component (a core,
 * a readout, the training loop) declares its hyperparameters once; the declarations the command
 * line, the training panel, sweeps and validation read ({@link Hyperparameters}) are generated
 * from them, and a configuration is read back into the record, each value parsed by its
 * component's type ({@code int}, {@code double}, {@code boolean}, {@code String}).
 */
public final class Options {
    private Options() {}

    /** The hyperparameters {@code type} declares, in its components' order. */
    public static List<Hyperparameter> declarations(Class<? extends Record> type) {
        List<Hyperparameter> out = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            Option o = c.getAnnotation(Option.class);
            if (o == null) throw new IllegalStateException(type.getSimpleName() + "." + c.getName() + " has no @Option");
            out.add(new Hyperparameter(o.name(), o.kind(), o.group(), o.help(), o.value(), List.of(o.choices())));
        }
        return out;
    }

    /** The names of the hyperparameters {@code type} declares. */
    public static List<String> names(Class<? extends Record> type) {
        return declarations(type).stream().map(Hyperparameter::name).toList();
    }

    /**
     * {@code type} filled from {@code config}: each component from the hyperparameter it declares,
     * parsed by the component's type. A value that does not parse is a BadInputException naming it.
     */
    public static <R extends Record> R read(Class<R> type, ModelConfig config) {
        RecordComponent[] cs = type.getRecordComponents();
        Object[] values = new Object[cs.length];
        Class<?>[] types = new Class<?>[cs.length];
        for (int i = 0; i < cs.length; i++) {
            String key = cs[i].getAnnotation(Option.class).name();
            types[i] = cs[i].getType();
            if (types[i] == int.class) values[i] = config.integer(key);
            else if (types[i] == double.class) values[i] = config.number(key);
            else if (types[i] == boolean.class) values[i] = config.flag(key);
            else if (types[i] == String.class) values[i] = config.text(key).trim();
            else throw new IllegalStateException(type.getSimpleName() + "." + cs[i].getName() + ": options are int, double, boolean or String");
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof BadInputException b) throw b;
            throw new IllegalStateException("cannot make " + type.getSimpleName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make " + type.getSimpleName() + " (a public record?)", e);
        }
    }
}
