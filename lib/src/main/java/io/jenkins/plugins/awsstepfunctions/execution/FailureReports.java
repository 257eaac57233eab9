package io.jenkins.plugins.awsstepfunctions.execution;

import io.jenkins.plugins.awsstepfunctions.graph.AslDefinitions;
import io.jenkins.plugins.awsstepfunctions.graph.DefinitionException;
import io.jenkins.plugins.awsstepfunctions.graph.Scope;
import io.jenkins.plugins.awsstepfunctions.graph.StateRun;
import io.jenkins.plugins.awsstepfunctions.graph.StateRunTracker;
import io.jenkins.plugins.awsstepfunctions.graph.StateStatus;
import io.jenkins.plugins.awsstepfunctions.json.Json;
import io.jenkins.plugins.awsstepfunctions.json.JsonException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * Reads an execution's history to find what failed. The terminal event (ExecutionFailed, TimedOut or Aborted) points
 * through {@code previousEventId} at the event that caused it, and so on back to the failing state's StateEntered
 * event; from there the same chain leads out through the Map iterations and Parallel states around it.
 */
final class FailureReports {

    private FailureReports() {}

    static FailureReport from(ExecutionDescription execution, List<HistoryEvent> events, String definition) {
        Map<Long, HistoryEvent> byId = new HashMap<>();
        events.forEach(e -> byId.put(e.id(), e));
        HistoryEvent terminal = null;
        for (HistoryEvent event : events) {
            if (isTerminal(event.type())) {
                terminal = event;
            }
        }
        String error = firstNonNull(execution.error().orElse(null), null);
        String cause = firstNonNull(execution.cause().orElse(null), null);
        String failedState = null;
        String failedType = null;
        String resource = null;
        Deque<String> enclosing = new ArrayDeque<>();

        if (terminal != null) {
            ErrorAndCause terminalDetails = ErrorAndCause.of(terminal);
            error = firstNonNull(terminalDetails.error(), error);
            cause = firstNonNull(terminalDetails.cause(), cause);
            HistoryEvent event = byId.get(terminal.previousEventId());
            while (event != null && !isStateEntered(event.type())) {
                ErrorAndCause details = ErrorAndCause.of(event);
                error = firstNonNull(error, details.error());
                cause = firstNonNull(cause, details.cause());
                resource = firstNonNull(resource, details.resource());
                event = switch (event.type()) {
                    case MAP_STATE_FAILED ->
                        failedIterationBefore(events, event).orElse(byId.get(event.previousEventId()));
                    case PARALLEL_STATE_FAILED ->
                        failureBefore(events, event, error, cause, definition)
                                .orElse(byId.get(event.previousEventId()));
                    default -> byId.get(event.previousEventId());
                };
            }
            if (event == null) {
                event = lastOpenState(events).orElse(null);
            }
            if (event != null) {
                failedState = event.stateEnteredEventDetails().name();
                failedType = stateType(event.type());
                collectEnclosing(byId, byId.get(event.previousEventId()), enclosing);
            }
        }
        String timeout = timeout(execution.state(), error, failedState, definition);
        return new FailureReport(
                execution.executionArn(),
                execution.state(),
                failedState,
                failedType,
                List.copyOf(enclosing),
                resource,
                error,
                cause,
                timeout,
                earlier(events, definition, failedState),
                null,
                null);
    }

    private static final int MAX_EARLIER = 5;

    /** The caught and the retried failures before the one that ended the execution, in the order states ran. */
    static String earlier(List<HistoryEvent> events, String definition, String failedState) {
        StateRunTracker tracker = new StateRunTracker();
        tracker.accept(events);
        Scope scope;
        try {
            scope = definition == null ? new Scope("", List.of()) : AslDefinitions.parse(definition);
        } catch (DefinitionException undrawable) {
            scope = new Scope("", List.of());
        }
        List<String> caught = new ArrayList<>();
        List<String> retried = new ArrayList<>();
        for (StateRun run : tracker.runs(scope).values()) {
            if (run.name().equals(failedState)) {
                continue;
            }
            String failure = run.error() == null
                    ? ""
                    : " with " + run.error()
                            + (run.cause() == null || run.cause().isBlank() ? "" : " (" + shorten(run.cause()) + ")");
            if (run.status() == StateStatus.CAUGHT) {
                caught.add("'" + run.name() + "' failing" + failure);
            } else if (run.status() == StateStatus.RETRIED) {
                retried.add("'" + run.name() + "' " + run.failures() + (run.failures() == 1 ? " time" : " times")
                        + (run.error() == null ? "" : " (last error " + run.error() + ")"));
            }
        }
        StringBuilder text = new StringBuilder();
        if (!caught.isEmpty()) {
            text.append("Earlier, a Catch handled ").append(list(caught)).append('.');
        }
        if (!retried.isEmpty()) {
            text.append(text.length() == 0 ? "" : " ")
                    .append("Retried before succeeding: ")
                    .append(list(retried))
                    .append('.');
        }
        return text.length() == 0 ? null : text.toString();
    }

    private static String list(List<String> items) {
        List<String> shown = items.subList(0, Math.min(items.size(), MAX_EARLIER));
        String text = String.join("; ", shown);
        return items.size() > shown.size() ? text + "; and " + (items.size() - shown.size()) + " more" : text;
    }

    private static String shorten(String cause) {
        return cause.length() <= 200 ? cause : cause.substring(0, 199) + "…";
    }

    /** When the chain is broken: the state entered last and not exited, the one the execution was in. */
    private static Optional<HistoryEvent> lastOpenState(List<HistoryEvent> events) {
        Deque<HistoryEvent> open = new ArrayDeque<>();
        for (HistoryEvent event : events) {
            if (isStateEntered(event.type())) {
                open.push(event);
            } else if (event.stateExitedEventDetails() != null) {
                String name = event.stateExitedEventDetails().name();
                open.removeIf(
                        entered -> entered.stateEnteredEventDetails().name().equals(name));
            }
        }
        return Optional.ofNullable(open.peek());
    }

    /**
     * A failed Map state's previous event is whatever its iterations did last, which need not be the failure; the
     * MapIterationFailed event just before it points at the state that failed.
     */
    private static Optional<HistoryEvent> failedIterationBefore(List<HistoryEvent> events, HistoryEvent mapFailed) {
        HistoryEvent found = null;
        for (HistoryEvent event : events) {
            if (event.id() < mapFailed.id() && event.type() == HistoryEventType.MAP_ITERATION_FAILED) {
                found = event;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * A failed Parallel state's previous event is whatever its branches did last, and other branches may fail after
     * the branch that ended it (a task failure they would have retried). The branch that failed is, of the failures
     * before it: the latest whose error (and cause) are the execution's; else the latest Fail state entered (a Fail
     * state always ends its branch); else the latest failure.
     */
    private static Optional<HistoryEvent> failureBefore(
            List<HistoryEvent> events, HistoryEvent parallelFailed, String error, String cause, String definition) {
        HistoryEvent matching = null;
        HistoryEvent failState = null;
        HistoryEvent latest = null;
        for (HistoryEvent event : events) {
            if (event.id() >= parallelFailed.id() || !isFailure(event.type())) {
                continue;
            }
            latest = event;
            if (event.type() == HistoryEventType.FAIL_STATE_ENTERED) {
                failState = event;
            }
            ErrorAndCause failure = failureOf(event, definition);
            if (present(error)
                    && error.equals(failure.error())
                    && (!present(cause) || !present(failure.cause()) || cause.equals(failure.cause()))) {
                matching = event;
            }
        }
        return Optional.ofNullable(matching != null ? matching : failState != null ? failState : latest);
    }

    /** The error and cause of a failure event; a Fail state's come from its definition, when known. */
    private static ErrorAndCause failureOf(HistoryEvent event, String definition) {
        if (event.type() == HistoryEventType.FAIL_STATE_ENTERED && event.stateEnteredEventDetails() != null) {
            Optional<Map<String, Object>> state = Optional.ofNullable(definition)
                    .flatMap(FailureReports::parse)
                    .flatMap(root ->
                            findState(root, event.stateEnteredEventDetails().name()));
            return new ErrorAndCause(
                    state.map(s -> s.get("Error")).map(Object::toString).orElse(null),
                    state.map(s -> s.get("Cause")).map(Object::toString).orElse(null),
                    null);
        }
        return ErrorAndCause.of(event);
    }

    private static final java.util.Set<HistoryEventType> GROUP_ENDS = java.util.EnumSet.of(
            HistoryEventType.PARALLEL_STATE_SUCCEEDED,
            HistoryEventType.PARALLEL_STATE_FAILED,
            HistoryEventType.PARALLEL_STATE_ABORTED,
            HistoryEventType.MAP_STATE_SUCCEEDED,
            HistoryEventType.MAP_STATE_FAILED,
            HistoryEventType.MAP_STATE_ABORTED);

    private static boolean isFailure(HistoryEventType type) {
        return switch (type) {
            case FAIL_STATE_ENTERED,
                    TASK_FAILED,
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
                    MAP_STATE_FAILED,
                    PARALLEL_STATE_FAILED,
                    MAP_RUN_FAILED -> true;
            default -> false;
        };
    }

    private static void collectEnclosing(Map<Long, HistoryEvent> byId, HistoryEvent start, Deque<String> out) {
        boolean nextEnteredEncloses = false;
        String iteratedMap = null;
        // Parallel and Map states that ended before the failed state was entered (one a Catch went on from) are on
        // the chain too: their events are skipped, from their end back to their start.
        int endedGroups = 0;
        for (HistoryEvent event = start; event != null; event = byId.get(event.previousEventId())) {
            HistoryEventType type = event.type();
            if (GROUP_ENDS.contains(type)) {
                endedGroups++;
                continue;
            }
            if (endedGroups > 0) {
                if (type == HistoryEventType.PARALLEL_STATE_STARTED || type == HistoryEventType.MAP_STATE_STARTED) {
                    endedGroups--;
                }
                continue;
            }
            if (type == HistoryEventType.MAP_ITERATION_STARTED) {
                String map = event.mapIterationStartedEventDetails().name();
                // A sibling iteration's start may sit on the chain (its events interleave): only the first counts.
                if (!map.equals(iteratedMap)) {
                    iteratedMap = map;
                    out.addFirst(
                            map + "[" + event.mapIterationStartedEventDetails().index() + "]");
                }
            } else if (type == HistoryEventType.PARALLEL_STATE_STARTED || type == HistoryEventType.MAP_STATE_STARTED) {
                nextEnteredEncloses = true;
            } else if (isStateEntered(type) && nextEnteredEncloses) {
                String name = event.stateEnteredEventDetails().name();
                if (!name.equals(iteratedMap)) {
                    out.addFirst(name);
                }
                nextEnteredEncloses = false;
                iteratedMap = null;
            }
        }
    }

    private static String timeout(ExecutionState state, String error, String failedState, String definition) {
        if (state == ExecutionState.TIMED_OUT) {
            return Optional.ofNullable(definition)
                    .flatMap(d -> topLevelSeconds(d, "TimeoutSeconds"))
                    .map(seconds -> "the state machine's TimeoutSeconds (" + seconds + " s)")
                    .orElse("the state machine's TimeoutSeconds");
        }
        String field = "States.Timeout".equals(error)
                ? "TimeoutSeconds"
                : "States.HeartbeatTimeout".equals(error) ? "HeartbeatSeconds" : null;
        if (field == null || failedState == null) {
            return null;
        }
        Optional<Object> seconds = Optional.ofNullable(definition).flatMap(d -> stateField(d, failedState, field));
        return "the " + field + " of state '" + failedState + "'"
                + seconds.map(s -> " (" + s + " s)").orElse("");
    }

    private static Optional<Object> topLevelSeconds(String definition, String field) {
        return parse(definition).map(root -> root.get(field));
    }

    private static Optional<Object> stateField(String definition, String stateName, String field) {
        return parse(definition).flatMap(root -> findState(root, stateName)).map(state -> state.get(field));
    }

    /** Depth-first through States, Map item processors (and the older Iterator) and Parallel branches. */
    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> findState(Map<String, Object> machine, String name) {
        if (!(machine.get("States") instanceof Map<?, ?> states)) {
            return Optional.empty();
        }
        if (states.get(name) instanceof Map<?, ?> found) {
            return Optional.of((Map<String, Object>) found);
        }
        for (Object state : states.values()) {
            if (!(state instanceof Map<?, ?> s)) {
                continue;
            }
            for (String nested : new String[] {"ItemProcessor", "Iterator"}) {
                if (s.get(nested) instanceof Map<?, ?> inner) {
                    Optional<Map<String, Object>> hit = findState((Map<String, Object>) inner, name);
                    if (hit.isPresent()) {
                        return hit;
                    }
                }
            }
            if (s.get("Branches") instanceof List<?> branches) {
                for (Object branch : branches) {
                    if (branch instanceof Map<?, ?> b) {
                        Optional<Map<String, Object>> hit = findState((Map<String, Object>) b, name);
                        if (hit.isPresent()) {
                            return hit;
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> parse(String definition) {
        try {
            return Json.parse("definition", definition) instanceof Map<?, ?> map
                    ? Optional.of((Map<String, Object>) map)
                    : Optional.empty();
        } catch (JsonException notJson) {
            return Optional.empty();
        }
    }

    private static boolean isTerminal(HistoryEventType type) {
        return type == HistoryEventType.EXECUTION_FAILED
                || type == HistoryEventType.EXECUTION_TIMED_OUT
                || type == HistoryEventType.EXECUTION_ABORTED;
    }

    private static boolean isStateEntered(HistoryEventType type) {
        return type != null && type.toString().endsWith("StateEntered");
    }

    private static String stateType(HistoryEventType type) {
        String text = type.toString();
        return text.substring(0, text.length() - "StateEntered".length());
    }

    private static String firstNonNull(String a, String b) {
        return present(a) ? a : present(b) ? b : null;
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }
}
