package io.jenkins.plugins.awsstepfunctions.watch;

import io.jenkins.plugins.awsstepfunctions.execution.Durations;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * A step of an execution's progress, read from its history, for a build log. Events of one watch arrive in history
 * order, each once; {@code eventId} is the history event behind it (for a summary, the last one it covers);
 * {@code elapsed} is how long a state that was left ran, when its entry was seen.
 */
public record ProgressEvent(
        long eventId, Instant timestamp, Kind kind, String stateName, String detail, Duration elapsed)
        implements Serializable {

    public ProgressEvent(long eventId, Instant timestamp, Kind kind, String stateName, String detail) {
        this(eventId, timestamp, kind, stateName, detail, null);
    }

    public enum Kind {
        /** A top-level state was entered; {@code detail} is its type. */
        STATE_ENTERED,
        /** A top-level state was left. */
        STATE_EXITED,
        /** A state (at any depth) or a task failed; {@code detail} is the error and cause. Retries may follow. */
        STATE_FAILED,
        /** Progress of a Map state's iterations; {@code detail} counts them. */
        ITERATIONS,
        /** A Distributed Map state's Map Run; {@code detail} counts its items (DescribeMapRun). */
        MAP_RUN
    }

    /** One line for a build log. */
    public String describe() {
        return switch (kind) {
            case STATE_ENTERED -> "entered " + detail + " state '" + stateName + "'";
            case STATE_EXITED ->
                "left state '" + stateName + "'" + (elapsed == null ? "" : " after " + Durations.describe(elapsed));
            case STATE_FAILED -> "state '" + stateName + "' failed: " + detail;
            case ITERATIONS -> "Map state '" + stateName + "': " + detail;
            case MAP_RUN -> "Map Run of '" + stateName + "': " + detail;
        };
    }
}
