package org.v1workbench.distributed;

import org.apache.spark.broadcast.Broadcast;
import org.v1workbench.data.BadInputException;
import org.v1workbench.data.Dataset;
import org.v1workbench.data.Importers;
import org.v1workbench.experiment.DatasetIdentity;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * How a task gets the driver's dataset: by path, where every machine sees the same filesystem
 * (checked against the driver's checksum, so a different file at the same path is caught), or
 * from a broadcast copy that travels with the job (small data).
 */
abstract sealed class TaskData implements Serializable permits TaskData.ByPath, TaskData.Broadcasted {
    private static final long serialVersionUID = 1L;

    /** The checksum of the driver's dataset ({@link DatasetIdentity#checksum}). */
    final String sha256;

    private TaskData(String sha256) {
        this.sha256 = sha256;
    }

    /** Opens (or rebuilds) the dataset on this machine. */
    abstract Dataset open();

    /** The dataset, opened once per executor process and kept for the next tasks (see {@link OpenedData}). */
    final Dataset dataset() {
        return OpenedData.get(this);
    }

    /** A key for the per-process cache: the same data, however it arrived. */
    String key() {
        return sha256;
    }

    /** The dataset read from {@code path} on the executor, as {@code --data} read it on the driver. */
    static final class ByPath extends TaskData {
        private static final long serialVersionUID = 1L;
        private final String path;

        ByPath(String path, String sha256) {
            super(sha256);
            this.path = path;
        }

        @Override
        Dataset open() {
            Dataset d = Importers.open(Path.of(path));
            String sum = DatasetIdentity.checksum(d);
            if (!sum.equals(sha256))
                throw new BadInputException(path + " on executor " + host() + " is not the driver's dataset (checksum " + sum.substring(0, 12)
                        + "... against " + sha256.substring(0, 12) + "...): the executors must see the same files (a shared filesystem), "
                        + "or use --spark-data broadcast");
            return d;
        }

        private static String host() {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                return "(unknown host)";
            }
        }
    }

    /** The dataset from a broadcast copy. */
    static final class Broadcasted extends TaskData {
        private static final long serialVersionUID = 1L;
        private final Broadcast<DatasetCopy> copy;

        Broadcasted(Broadcast<DatasetCopy> copy, String sha256) {
            super(sha256);
            this.copy = copy;
        }

        @Override
        Dataset open() {
            return copy.value().toDataset();
        }
    }
}
