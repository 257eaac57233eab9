package io.jenkins.plugins.awsstepfunctions.watch;

import io.jenkins.plugins.awsstepfunctions.execution.ErrorAndCause;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * Turns new history events into progress for a build log: top-level states entered and left, failures at any
 * depth, and Map iterations summarised (one line per Map per batch of events instead of one per iteration).
 * Events must be fed in ascending id order, each once; the tracker emits events in the same order.
 */
final class ProgressTracker {

    private static final int REMEMBERED_EVENTS = 2000;

    private final Set<String> topLevelStates;
    private final Map<Long, String> stateOfEvent = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
            return size() > REMEMBERED_EVENTS;
        }
    };
    private final Map<String, Iterations> iterations = new LinkedHashMap<>();
    private final Map<String, Instant> enteredAt = new HashMap<>();

    /** @param topLevelStates the names of the definition's top-level states, or {@code null} if unknown (then all count) */
    ProgressTracker(Set<String> topLevelStates) {
        this.topLevelStates = topLevelStates;
    }

    List<ProgressEvent> accept(List<HistoryEvent> events) {
        List<ProgressEvent> out = new ArrayList<>();
        for (HistoryEvent event : events) {
            HistoryEventType type = event.type();
            String state = event.stateEnteredEventDetails() != null
                    ? event.stateEnteredEventDetails().name()
                    : stateOfEvent.get(event.previousEventId());
            stateOfEvent.put(event.id(), state);
            if (event.stateEnteredEventDetails() != null && isTopLevel(state)) {
                flushIterations(out);
                String kind = type.toString();
                enteredAt.put(state, event.timestamp());
                out.add(new ProgressEvent(
                        event.id(),
                        event.timestamp(),
                        ProgressEvent.Kind.STATE_ENTERED,
                        state,
                        kind.substring(0, kind.length() - "StateEntered".length())));
            } else if (event.stateExitedEventDetails() != null
                    && isTopLevel(event.stateExitedEventDetails().name())) {
                flushIterations(out);
                String name = event.stateExitedEventDetails().name();
                Instant entered = enteredAt.remove(name);
                out.add(new ProgressEvent(
                        event.id(),
                        event.timestamp(),
                        ProgressEvent.Kind.STATE_EXITED,
                        name,
                        null,
                        entered == null || event.timestamp() == null
                                ? null
                                : Duration.between(entered, event.timestamp())));
            } else if (isTaskFailure(type)) {
                flushIterations(out);
                ErrorAndCause failure = ErrorAndCause.of(event);
                out.add(new ProgressEvent(
                        event.id(),
                        event.timestamp(),
                        ProgressEvent.Kind.STATE_FAILED,
                        state == null ? "(unknown)" : state,
                        describe(failure)));
            } else if (type == HistoryEventType.MAP_STATE_STARTED && event.mapStateStartedEventDetails() != null) {
                iterationsOf(state).length = event.mapStateStartedEventDetails().length();
            } else if (event.mapIterationStartedEventDetails() != null) {
                iterationsOf(event.mapIterationStartedEventDetails().name()).count(event, 0);
            } else if (event.mapIterationSucceededEventDetails() != null) {
                iterationsOf(event.mapIterationSucceededEventDetails().name()).count(event, 1);
            } else if (event.mapIterationFailedEventDetails() != null) {
                iterationsOf(event.mapIterationFailedEventDetails().name()).count(event, 2);
            } else if (event.mapIterationAbortedEventDetails() != null) {
                iterationsOf(event.mapIterationAbortedEventDetails().name()).count(event, 3);
            }
        }
        flushIterations(out);
        return out;
    }

    private boolean isTopLevel(String state) {
        return state != null && (topLevelStates == null || topLevelStates.contains(state));
    }

    private Iterations iterationsOf(String map) {
        return iterations.computeIfAbsent(map == null ? "(unknown)" : map, name -> new Iterations());
    }

    private void flushIterations(List<ProgressEvent> out) {
        iterations.forEach((map, counts) -> {
            if (counts.lastEvent != null) {
                out.add(new ProgressEvent(
                        counts.lastEvent.id(),
                        counts.lastEvent.timestamp(),
                        ProgressEvent.Kind.ITERATIONS,
                        map,
                        counts.describe()));
                counts.lastEvent = null;
            }
        });
    }

    private static boolean isTaskFailure(HistoryEventType type) {
        return switch (type) {
            case TASK_FAILED,
                    TASK_TIMED_OUT,
                    TASK_START_FAILED,
                    TASK_SUBMIT_FAILED,
                    LAMBDA_FUNCTION_FAILED,
                    LAMBDA_FUNCTION_TIMED_OUT,
                    LAMBDA_FUNCTION_START_FAILED,
                    LAMBDA_FUNCTION_SCHEDULE_FAILED,
                    ACTIVITY_FAILED,
                    ACTIVITY_TIMED_OUT,
                    ACTIVITY_SCHEDULE_FAILED,
                    EVALUATION_FAILED,
                    MAP_RUN_FAILED -> true;
            default -> false;
        };
    }

    private static String describe(ErrorAndCause failure) {
        String error = failure.error() == null || failure.error().isBlank() ? "(no error name)" : failure.error();
        String cause = failure.cause() == null || failure.cause().isBlank()
                ? ""
                : ": "
                        + (failure.cause().length() <= 300
                                ? failure.cause()
                                : failure.cause().substring(0, 300) + "...");
        return error + cause;
    }

    /** Counts of one Map state's iterations: started, succeeded, failed, aborted. */
    private static final class Iterations {
        private final long[] counts = new long[4];
        private Integer length;
        private HistoryEvent lastEvent;

        void count(HistoryEvent event, int which) {
            counts[which]++;
            lastEvent = event;
        }

        String describe() {
            return counts[0] + (length == null ? "" : " of " + length) + " iterations started, " + counts[1]
                    + " succeeded, " + counts[2] + " failed" + (counts[3] == 0 ? "" : ", " + counts[3] + " aborted");
        }
    }
}
