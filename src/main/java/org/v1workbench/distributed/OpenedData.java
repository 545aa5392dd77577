package org.v1workbench.distributed;

import org.v1workbench.data.Dataset;

/**
 * The dataset an executor process has opened, kept for the tasks that follow: an executor runs
 * many fits of one job, and reading, importing and checksumming the data for each would cost a
 * fit's worth of time on large recordings. One dataset at a time (a job uses one); static because
 * Spark gives tasks no other place that outlives them in a process.
 */
final class OpenedData {
    private static String key;
    private static Dataset dataset;

    private OpenedData() {}

    /** Lets the dataset go: a local run's executor is the driver's own process, which goes on after the job. */
    static synchronized void clear() {
        key = null;
        dataset = null;
    }

    static synchronized Dataset get(TaskData source) {
        if (dataset == null || !source.key().equals(key)) {
            dataset = null; // let the previous one go before the next is read
            dataset = source.open();
            key = source.key();
        }
        return dataset;
    }
}
