package io.jenkins.plugins.awsstepfunctions.graph;

import io.jenkins.plugins.awsstepfunctions.execution.MapRunCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What one state did in one execution. A state inside a Map runs once per item: the counts add up its runs, the
 * status is the worst of them, the error and cause are the last failure's.
 *
 * @param name the state's name
 * @param status what happened to it
 * @param entered how often it was entered
 * @param failures how many attempts failed (retried, caught or final)
 * @param error the last failure's error, or {@code null}
 * @param cause the last failure's cause, or {@code null}
 * @param firstEntered when it was first entered, or {@code null}
 * @param lastExited when it was last left, or {@code null}
 * @param mapRun for a Distributed Map state, its Map Run's latest counters; {@code null} otherwise
 * @param input the state's last input, cut to {@value #MAX_DATA_CHARS} characters; {@code null} unless kept
 * @param output the state's last output, cut the same way; {@code null} unless kept
 */
public record StateRun(
        String name,
        StateStatus status,
        int entered,
        int failures,
        String error,
        String cause,
        Instant firstEntered,
        Instant lastExited,
        MapRunCounts mapRun,
        String input,
        String output) {

    /** How much of a state's input or output is kept. */
    public static final int MAX_DATA_CHARS = 2048;

    public StateRun {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
    }

    public static StateRun notEntered(String name) {
        return new StateRun(name, StateStatus.NOT_ENTERED, 0, 0, null, null, null, null, null, null, null);
    }

    /** This run with its Map Run's counters. */
    public StateRun withMapRun(MapRunCounts counts) {
        return new StateRun(
                name, status, entered, failures, error, cause, firstEntered, lastExited, counts, input, output);
    }

    /** Cuts state data to what a build keeps, saying how long it was. */
    public static String cut(String data) {
        if (data == null || data.length() <= MAX_DATA_CHARS) {
            return data;
        }
        return data.substring(0, MAX_DATA_CHARS) + "… (" + data.length() + " characters)";
    }

    /** From first entry to last exit; {@code null} unless both are known. */
    public Duration duration() {
        return firstEntered == null || lastExited == null ? null : Duration.between(firstEntered, lastExited);
    }

    /** One line for a tooltip or a table: {@code failed after 2 attempts: States.TaskFailed (boom)}. */
    public String summary() {
        StringBuilder out = new StringBuilder(status.describe());
        if (status == StateStatus.RETRIED) {
            out.append(" (")
                    .append(failures)
                    .append(failures == 1 ? " retry" : " retries")
                    .append(')');
        }
        if (entered > 1) {
            out.append(", entered ").append(entered).append(" times");
        }
        if (mapRun != null) {
            out.append("; items: ").append(mapRun.describe());
        }
        if (error != null && status != StateStatus.SUCCEEDED) {
            out.append(": ").append(error);
            if (cause != null && !cause.isBlank()) {
                out.append(" (").append(cause).append(')');
            }
        }
        return out.toString();
    }
}
