package io.jenkins.plugins.awsstepfunctions.watch;

import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/** How one execution is watched: how often, whether progress is read, how long a fresh ARN may be invisible. */
public final class WatchOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(10);
    public static final Duration MIN_POLL_INTERVAL = Duration.ofSeconds(1);
    public static final Duration MAX_POLL_INTERVAL = Duration.ofHours(1);
    public static final Duration DEFAULT_FIRST_CHECK = Duration.ofSeconds(1);
    public static final Duration DEFAULT_NOT_VISIBLE_GRACE = Duration.ofSeconds(30);

    private final Duration pollInterval;
    private final Duration firstCheck;
    private final boolean progress;
    private final boolean failureReport;
    private final boolean graph;
    private final boolean stateData;
    private final Duration notVisibleGrace;

    private WatchOptions(Builder builder) {
        this.pollInterval = checkPollInterval(builder.pollInterval);
        this.firstCheck = builder.firstCheck.compareTo(pollInterval) > 0 ? pollInterval : builder.firstCheck;
        if (firstCheck.isNegative()) {
            throw new InvalidSettingException("firstCheck", "must not be negative");
        }
        this.progress = builder.progress;
        this.failureReport = builder.failureReport;
        this.graph = builder.graph;
        this.stateData = builder.stateData;
        if (builder.notVisibleGrace.isNegative()) {
            throw new InvalidSettingException("notVisibleGrace", "must not be negative");
        }
        this.notVisibleGrace = builder.notVisibleGrace;
    }

    private static Duration checkPollInterval(Duration value) {
        if (value.compareTo(MIN_POLL_INTERVAL) < 0 || value.compareTo(MAX_POLL_INTERVAL) > 0) {
            throw new InvalidSettingException(
                    "pollInterval",
                    value.toSeconds() + " seconds is not allowed; use 1 to"
                            + " 3600 seconds (polls share the account's DescribeExecution quota, so prefer 10 or more)");
        }
        return value;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static WatchOptions defaults() {
        return builder().build();
    }

    /** The longest wait between two checks; checks start sooner and back off to it. */
    public Duration pollInterval() {
        return pollInterval;
    }

    /** When the first check comes after the watch starts. */
    public Duration firstCheck() {
        return firstCheck;
    }

    /** Whether state transitions are read from the history and reported to the listener. */
    public boolean progress() {
        return progress;
    }

    /**
     * Whether the listener hears {@link WatchListener#onGraph} with the state machine's diagram, each state coloured
     * by what it did, whenever the history read for progress brings news. Costs one DescribeStateMachineForExecution
     * per watch (budgeted controller-wide) and no other call.
     */
    public boolean graph() {
        return graph;
    }

    /**
     * Whether the graph keeps each state's last input and output (the first
     * {@value io.jenkins.plugins.awsstepfunctions.graph.StateRun#MAX_DATA_CHARS} characters): the history is then
     * read with its execution data. Off by default: state data can hold what a build should not keep.
     */
    public boolean stateData() {
        return stateData;
    }

    /** Whether the history is read while the execution runs: for progress or for the graph. */
    public boolean readsHistory() {
        return progress || graph;
    }

    /** Whether a FAILED, TIMED_OUT or ABORTED result comes with a failure report (read from the history). */
    public boolean failureReport() {
        return failureReport;
    }

    /** How long ExecutionDoesNotExist counts as "not visible yet" after the watch starts (reads are eventually consistent). */
    public Duration notVisibleGrace() {
        return notVisibleGrace;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WatchOptions other
                && pollInterval.equals(other.pollInterval)
                && firstCheck.equals(other.firstCheck)
                && progress == other.progress
                && failureReport == other.failureReport
                && graph == other.graph
                && stateData == other.stateData
                && notVisibleGrace.equals(other.notVisibleGrace);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pollInterval, firstCheck, progress, failureReport, graph, stateData, notVisibleGrace);
    }

    public static final class Builder {
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private Duration firstCheck = DEFAULT_FIRST_CHECK;
        private boolean progress;
        private boolean failureReport = true;
        private boolean graph;
        private boolean stateData;
        private Duration notVisibleGrace = DEFAULT_NOT_VISIBLE_GRACE;

        private Builder() {}

        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = Objects.requireNonNullElse(pollInterval, DEFAULT_POLL_INTERVAL);
            return this;
        }

        public Builder firstCheck(Duration firstCheck) {
            this.firstCheck = Objects.requireNonNullElse(firstCheck, DEFAULT_FIRST_CHECK);
            return this;
        }

        public Builder progress(boolean progress) {
            this.progress = progress;
            return this;
        }

        public Builder failureReport(boolean failureReport) {
            this.failureReport = failureReport;
            return this;
        }

        public Builder graph(boolean graph) {
            this.graph = graph;
            return this;
        }

        public Builder stateData(boolean stateData) {
            this.stateData = stateData;
            return this;
        }

        public Builder notVisibleGrace(Duration notVisibleGrace) {
            this.notVisibleGrace = Objects.requireNonNullElse(notVisibleGrace, DEFAULT_NOT_VISIBLE_GRACE);
            return this;
        }

        public WatchOptions build() {
            return new WatchOptions(this);
        }
    }
}
