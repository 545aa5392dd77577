package org.v1workbench.model;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a component of an options record as a hyperparameter: its name (the key of
 * {@code config.json}, {@code --set} and sweeps), the values it accepts, its group in the training
 * panel, its default and one line of explanation. {@link Options} turns a record's components into
 * {@link Hyperparameter} declarations and reads a configuration back into the record.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Option {
    String name();

    Hyperparameter.Kind kind();

    String group() default Hyperparameter.ARCHITECTURE;

    /** The default of the presets that do not set their own ({@link Preset#changedDefaults()}). */
    String value();

    String help();

    /** The words a {@link Hyperparameter.Kind#CHOICE} accepts. */
    String[] choices() default {};
}
