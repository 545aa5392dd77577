package org.v1workbench.ui.common;

import org.v1workbench.data.Dataset;
import org.v1workbench.data.Importers;
import org.v1workbench.sim.SampleData;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a dataset comes from: a folder (any importer's format, detected by
 * {@link Importers#open}), the simulator's sample dataset, or a dataset already in memory.
 * {@link #load()} may take seconds and is only called on a worker thread.
 */
public interface DatasetSource {
    /** A short name for the sidebar and the status bar. */
    String label();

    /** The folder, for the recent-files list; empty for datasets that live only in memory. */
    Optional<Path> path();

    Dataset load();

    /** {@link #load()}, telling {@code progress} what it does (where the source has steps worth telling). */
    default Dataset load(java.util.function.Consumer<String> progress) {
        return load();
    }

    static DatasetSource folder(Path dir) {
        return new Folder(dir.toAbsolutePath().normalize());
    }

    static DatasetSource of(Dataset dataset) {
        return new InMemory(dataset);
    }

    /**
     * The sample dataset (a simulated V1 population with ground truth), generated into the cache
     * on first use. Not a user's file, so it stays out of the recent-files list.
     */
    static DatasetSource sample() {
        return new Sample();
    }

    record Sample() implements DatasetSource {
        @Override
        public String label() {
            return "sample (simulated V1)";
        }

        @Override
        public Optional<Path> path() {
            return Optional.empty();
        }

        @Override
        public Dataset load() {
            return SampleData.load();
        }

        /** The first start generates the sample (seconds); its steps go to the status bar. */
        @Override
        public Dataset load(java.util.function.Consumer<String> progress) {
            return SampleData.load(SampleData.cacheRoot(), msg -> progress.accept("Sample data: " + msg));
        }
    }

    record Folder(Path dir) implements DatasetSource {
        public Folder {
            Objects.requireNonNull(dir, "dir");
        }

        @Override
        public String label() {
            return dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
        }

        @Override
        public Optional<Path> path() {
            return Optional.of(dir);
        }

        @Override
        public Dataset load() {
            return Importers.open(dir);
        }
    }

    record InMemory(Dataset dataset) implements DatasetSource {
        public InMemory {
            Objects.requireNonNull(dataset, "dataset");
        }

        @Override
        public String label() {
            return dataset.name();
        }

        @Override
        public Optional<Path> path() {
            return Optional.empty();
        }

        @Override
        public Dataset load() {
            return dataset;
        }
    }
}
