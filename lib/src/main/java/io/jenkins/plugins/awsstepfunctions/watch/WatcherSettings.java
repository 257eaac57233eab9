package io.jenkins.plugins.awsstepfunctions.watch;

import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import java.time.Duration;

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
    /** While status-change events flow, each wait is still checked this often, in case its event is lost. */
    public static final Duration DEFAULT_EVENT_SAFETY_INTERVAL = Duration.ofMinutes(5);

    public static final Duration MIN_EVENT_SAFETY_INTERVAL = Duration.ofMinutes(1);
    public static final Duration MAX_EVENT_SAFETY_INTERVAL = Duration.ofHours(1);
    public static final int DEFAULT_IO_THREADS = 4;

    private final int describePerSecond;
    private final int listPerSecond;
    private final int historyPerSecond;
    private final int definitionsPerSecond;
    private final int batchThreshold;
    private final int ioThreads;
    private final Duration eventSafetyInterval;

    private WatcherSettings(Builder builder) {
        this.describePerSecond = positive("describePerSecond", builder.describePerSecond, 1000);
        this.listPerSecond = positive("listPerSecond", builder.listPerSecond, 1000);
        this.historyPerSecond = positive("historyPerSecond", builder.historyPerSecond, 1000);
        this.definitionsPerSecond = positive("definitionsPerSecond", builder.definitionsPerSecond, 1000);
        this.batchThreshold = positive("batchThreshold", builder.batchThreshold, Integer.MAX_VALUE);
        this.ioThreads = positive("ioThreads", builder.ioThreads, 64);
        if (!builder.anySafetyInterval
                && (builder.eventSafetyInterval.compareTo(MIN_EVENT_SAFETY_INTERVAL) < 0
                        || builder.eventSafetyInterval.compareTo(MAX_EVENT_SAFETY_INTERVAL) > 0)) {
            throw new InvalidSettingException(
                    "eventSafetyInterval",
                    builder.eventSafetyInterval.toSeconds() + " seconds is not allowed; use 60 to 3600 seconds");
        }
        this.eventSafetyInterval = builder.eventSafetyInterval;
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

    /**
     * How often a wait is checked while status-change events are available ({@link WaitMode#EVENTS}): the safety net
     * for a lost event. Waits of one state machine above the batch threshold are checked together by ListExecutions.
     */
    public Duration eventSafetyInterval() {
        return eventSafetyInterval;
    }

    public static final class Builder {
        private int describePerSecond = DEFAULT_DESCRIBE_PER_SECOND;
        private int listPerSecond = DEFAULT_LIST_PER_SECOND;
        private int historyPerSecond = DEFAULT_HISTORY_PER_SECOND;
        private int definitionsPerSecond = DEFAULT_DEFINITIONS_PER_SECOND;
        private int batchThreshold = DEFAULT_BATCH_THRESHOLD;
        private int ioThreads = DEFAULT_IO_THREADS;
        private Duration eventSafetyInterval = DEFAULT_EVENT_SAFETY_INTERVAL;
        private boolean anySafetyInterval;

        private Builder() {}

        /** Tests: a safety interval of seconds, to see a lost event found without waiting minutes. */
        Builder eventSafetyIntervalForTests(Duration eventSafetyInterval) {
            this.eventSafetyInterval = eventSafetyInterval;
            this.anySafetyInterval = true;
            return this;
        }

        public Builder eventSafetyInterval(Duration eventSafetyInterval) {
            this.eventSafetyInterval =
                    eventSafetyInterval == null ? DEFAULT_EVENT_SAFETY_INTERVAL : eventSafetyInterval;
            return this;
        }

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
