package io.jenkins.plugins.awsstepfunctions.watch;

import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;

/**
 * How the watcher shares the Step Functions API: calls per second for each API, per account, region and endpoint,
 * the number of threads, and from how many watches of one state machine on ListExecutions replaces DescribeExecution.
 */
public final class WatcherSettings {

    /** Below the smallest regional DescribeExecution refill rate (10 per second), leaving room for other callers. */
    public static final int DEFAULT_DESCRIBE_PER_SECOND = 10;

    public static final int DEFAULT_LIST_PER_SECOND = 1;
    public static final int DEFAULT_HISTORY_PER_SECOND = 5;
    /** DescribeStateMachineForExecution's quota refills at one call a second per account and region. */
    public static final int DEFAULT_DEFINITIONS_PER_SECOND = 1;

    public static final int DEFAULT_BATCH_THRESHOLD = 20;
    public static final int DEFAULT_IO_THREADS = 4;

    private final int describePerSecond;
    private final int listPerSecond;
    private final int historyPerSecond;
    private final int definitionsPerSecond;
    private final int batchThreshold;
    private final int ioThreads;

    private WatcherSettings(Builder builder) {
        this.describePerSecond = positive("describePerSecond", builder.describePerSecond, 1000);
        this.listPerSecond = positive("listPerSecond", builder.listPerSecond, 1000);
        this.historyPerSecond = positive("historyPerSecond", builder.historyPerSecond, 1000);
        this.definitionsPerSecond = positive("definitionsPerSecond", builder.definitionsPerSecond, 1000);
        this.batchThreshold = positive("batchThreshold", builder.batchThreshold, Integer.MAX_VALUE);
        this.ioThreads = positive("ioThreads", builder.ioThreads, 64);
    }

    private static int positive(String parameter, int value, int max) {
        if (value < 1 || value > max) {
            throw new InvalidSettingException(parameter, value + " is not allowed; use 1 to " + max);
        }
        return value;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static WatcherSettings defaults() {
        return builder().build();
    }

    /** DescribeExecution calls per second, at most, across all watches of one account, region and endpoint. */
    public int describePerSecond() {
        return describePerSecond;
    }

    public int listPerSecond() {
        return listPerSecond;
    }

    public int historyPerSecond() {
        return historyPerSecond;
    }

    /** DescribeStateMachineForExecution calls per second (one per watch that reads history, for its definition). */
    public int definitionsPerSecond() {
        return definitionsPerSecond;
    }

    /** From this many watches of one state machine, one ListExecutions call tells which still run. */
    public int batchThreshold() {
        return batchThreshold;
    }

    /**
     * Threads that make the API calls of one account, region and endpoint (each has its own, so a slow endpoint
     * holds no other's); they never wait for an execution, only for a call's answer.
     */
    public int ioThreads() {
        return ioThreads;
    }

    public static final class Builder {
        private int describePerSecond = DEFAULT_DESCRIBE_PER_SECOND;
        private int listPerSecond = DEFAULT_LIST_PER_SECOND;
        private int historyPerSecond = DEFAULT_HISTORY_PER_SECOND;
        private int definitionsPerSecond = DEFAULT_DEFINITIONS_PER_SECOND;
        private int batchThreshold = DEFAULT_BATCH_THRESHOLD;
        private int ioThreads = DEFAULT_IO_THREADS;

        private Builder() {}

        public Builder describePerSecond(int describePerSecond) {
            this.describePerSecond = describePerSecond;
            return this;
        }

        public Builder listPerSecond(int listPerSecond) {
            this.listPerSecond = listPerSecond;
            return this;
        }

        public Builder historyPerSecond(int historyPerSecond) {
            this.historyPerSecond = historyPerSecond;
            return this;
        }

        public Builder definitionsPerSecond(int definitionsPerSecond) {
            this.definitionsPerSecond = definitionsPerSecond;
            return this;
        }

        public Builder batchThreshold(int batchThreshold) {
            this.batchThreshold = batchThreshold;
            return this;
        }

        public Builder ioThreads(int ioThreads) {
            this.ioThreads = ioThreads;
            return this;
        }

        public WatcherSettings build() {
            return new WatcherSettings(this);
        }
    }
}
