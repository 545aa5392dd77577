package org.v1workbench.data;

import java.nio.file.Path;

/** Turns a recording in some outside format into a {@link Dataset}. */
public interface Importer {
    /** The FORMAT name of the {@code import} command. */
    String format();

    /** One line for {@code --help}. */
    String description();

    /** True where {@code source} is (very likely) in this format; used to open folders by detection. */
    boolean recognises(Path source);

    /** Reads {@code source}; bad input throws {@link BadInputException} naming the file. */
    Dataset load(Path source, ImportOptions options);

    /**
     * Files a format keeps beside the dataset in {@code out}, once it is written (Sensorium's
     * behaviour and pupil per trial); most formats have none.
     */
    default void writeExtras(Path source, ImportOptions options, Path out) throws java.io.IOException {}
}
