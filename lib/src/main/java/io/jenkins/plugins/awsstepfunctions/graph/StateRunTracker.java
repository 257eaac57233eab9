package io.jenkins.plugins.awsstepfunctions.graph;

import io.jenkins.plugins.awsstepfunctions.execution.ErrorAndCause;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * Follows an execution's history, page by page in history order, and says what each state did. Keeps one small entry
 * per event (its predecessor and type) to attribute failures to the state they belong to, whatever Parallel branches
 * and Map iterations interleave. Not thread-safe: one per execution, fed by one thread at a time.
 */
public final class StateRunTracker {

    private static final Set<String> FAILURES = Set.of(
            "TaskFailed",
            "TaskTimedOut",
            "TaskStartFailed",
            "TaskSubmitFailed",
            "LambdaFunctionFailed",
            "LambdaFunctionTimedOut",
            "LambdaFunctionStartFailed",
            "LambdaFunctionScheduleFailed",
            "ActivityFailed",
            "ActivityTimedOut",
            "ActivityScheduleFailed",
            "EvaluationFailed",
            "MapStateFailed",
            "ParallelStateFailed",
            "MapRunFailed");
    private static final Set<String> GROUP_FAILURES = Set.of("MapStateFailed", "ParallelStateFailed", "MapRunFailed");
    private static final Set<String> SUCCESSES =
            Set.of("TaskSucceeded", "LambdaFunctionSucceeded", "ActivitySucceeded");
    private static final Set<String> GROUP_STARTS = Set.of("ParallelStateStarted", "MapStateStarted");
    private static final Set<String> GROUP_ENDS = Set.of(
            "ParallelStateSucceeded",
            "ParallelStateFailed",
            "ParallelStateAborted",
            "MapStateSucceeded",
            "MapStateFailed",
            "MapStateAborted");

    private record Link(long previous, String type, String entered) {}

    private static final class Accumulator {
        int entered;
        int exited;
        int failures;
        boolean failedThisAttempt;
        boolean caught;
        boolean timedOut;
        boolean failState;
        ErrorAndCause lastFailure;
        /** The Fail state whose Error and Cause are this state's failure (a group that failed through it). */
        String failedThrough;

        long lastFailureEvent;
        Instant firstEntered;
        Instant lastExited;
        String input;
        String output;
    }

    private final Map<Long, Link> links = new HashMap<>();
    private final Map<String, Accumulator> states = new LinkedHashMap<>();
    /** Failures by event id: a Fail state's name, or a failure event's error and cause. */
    private final java.util.TreeMap<Long, Object> innerFailures = new java.util.TreeMap<>();

    private final boolean keepData;
    private String finalStatus;
    private ErrorAndCause executionFailure;

    /** Keeps no state input or output, whatever the history holds. */
    public StateRunTracker() {
        this(false);
    }

    /** @param keepData whether each state's last input and output are kept (cut to {@link StateRun#MAX_DATA_CHARS}) */
    public StateRunTracker(boolean keepData) {
        this.keepData = keepData;
    }

    /** Takes the next events, oldest first; an event seen before is ignored. Returns how many were new. */
    public int accept(List<HistoryEvent> events) {
        int fresh = 0;
        for (HistoryEvent event : events) {
            if (event.id() == null || links.containsKey(event.id())) {
                continue;
            }
            fresh++;
            String type = event.typeAsString();
            String entered = type.endsWith("StateEntered") && event.stateEnteredEventDetails() != null
                    ? event.stateEnteredEventDetails().name()
                    : null;
            links.put(
                    event.id(), new Link(event.previousEventId() == null ? 0 : event.previousEventId(), type, entered));
            apply(event, type, entered);
        }
        return fresh;
    }

    private void apply(HistoryEvent event, String type, String entered) {
        if (entered != null) {
            long previous = event.previousEventId() == null ? 0 : event.previousEventId();
            for (Accumulator failed : states.values()) {
                // A Catch rule went on from the failure without the failed state's exit event.
                if (failed.failedThisAttempt && failed.lastFailureEvent == previous && failed.entered > failed.exited) {
                    failed.caught = true;
                    failed.failedThisAttempt = false;
                    failed.exited++;
                    failed.lastExited = event.timestamp();
                }
            }
            Accumulator state = states.computeIfAbsent(entered, k -> new Accumulator());
            state.entered++;
            state.failedThisAttempt = false;
            if (state.firstEntered == null) {
                state.firstEntered = event.timestamp();
            }
            if (keepData && event.stateEnteredEventDetails().input() != null) {
                state.input = StateRun.cut(event.stateEnteredEventDetails().input());
            }
            if (type.equals("FailStateEntered")) {
                state.failState = true;
                innerFailures.put(event.id(), entered);
            }
        } else if (type.endsWith("StateExited") && event.stateExitedEventDetails() != null) {
            Accumulator state =
                    states.computeIfAbsent(event.stateExitedEventDetails().name(), k -> new Accumulator());
            state.exited++;
            state.lastExited = event.timestamp();
            if (keepData && event.stateExitedEventDetails().output() != null) {
                state.output = StateRun.cut(event.stateExitedEventDetails().output());
            }
            if (state.failedThisAttempt) {
                state.caught = true;
                state.failedThisAttempt = false;
            }
        } else if (FAILURES.contains(type)) {
            Accumulator state = owner(event, GROUP_FAILURES.contains(type));
            if (state != null) {
                state.failures++;
                state.failedThisAttempt = true;
                state.timedOut = type.endsWith("TimedOut");
                state.lastFailure = ErrorAndCause.of(event);
                state.failedThrough = null;
                if (state.lastFailure.error() == null) {
                    // A Parallel or Map failure carries no error: it is the failure inside it that came last before
                    // it (its predecessor, when branches do not interleave).
                    Map.Entry<Long, Object> inner = innerFailures.lowerEntry(event.id());
                    if (inner != null && inner.getValue() instanceof String failState) {
                        state.failedThrough = failState;
                    } else if (inner != null && inner.getValue() instanceof ErrorAndCause known) {
                        state.lastFailure = known;
                    }
                }
                // An enclosing group that fails next inherits this failure, through the same Fail state if any.
                innerFailures.put(event.id(), state.failedThrough != null ? state.failedThrough : state.lastFailure);
                state.lastFailureEvent = event.id();
            }
        } else if (SUCCESSES.contains(type)) {
            Accumulator state = owner(event, false);
            if (state != null) {
                state.failedThisAttempt = false;
            }
        } else if (type.startsWith("Execution") && !type.equals("ExecutionStarted")) {
            finalStatus = type;
            if (type.equals("ExecutionFailed") || type.equals("ExecutionTimedOut") || type.equals("ExecutionAborted")) {
                executionFailure = ErrorAndCause.of(event);
            }
        }
    }

    /**
     * The state an event belongs to: the nearest state entered before it on its chain of predecessors; for a Parallel
     * or Map state's failure, the state that started the group (skipping groups nested in it that already ended).
     */
    private Accumulator owner(HistoryEvent event, boolean group) {
        boolean groupStartFound = !group;
        int nestedGroups = 0;
        Link link = links.get(event.previousEventId() == null ? 0L : event.previousEventId());
        for (int steps = 0; link != null && steps < links.size(); steps++) {
            if (!groupStartFound) {
                if (GROUP_ENDS.contains(link.type)) {
                    nestedGroups++;
                } else if (GROUP_STARTS.contains(link.type)) {
                    if (nestedGroups == 0) {
                        groupStartFound = true;
                    } else {
                        nestedGroups--;
                    }
                }
            } else if (link.entered != null) {
                return states.computeIfAbsent(link.entered, k -> new Accumulator());
            }
            link = links.get(link.previous);
        }
        return null;
    }

    /** Whether the execution has ended. */
    public boolean ended() {
        return finalStatus != null;
    }

    /** What every state of the definition did so far; states never entered are {@link StateStatus#NOT_ENTERED}. */
    public Map<String, StateRun> runs(Scope definition) {
        Map<String, StateRun> runs = new LinkedHashMap<>();
        Map<String, StateSpec> specs = new HashMap<>();
        for (StateSpec spec : definition.allStates()) {
            specs.put(spec.name(), spec);
        }
        for (StateSpec spec : definition.allStates()) {
            runs.put(spec.name(), run(spec.name(), specs));
        }
        states.keySet().forEach(name -> runs.computeIfAbsent(name, n -> run(n, specs)));
        return runs;
    }

    private StateRun run(String name, Map<String, StateSpec> specs) {
        Accumulator state = states.get(name);
        if (state == null || state.entered == 0) {
            return StateRun.notEntered(name);
        }
        ErrorAndCause failure = state.lastFailure;
        if (state.failedThrough != null) {
            failure = merged(definedFailure(specs.get(state.failedThrough)), executionFailure);
        }
        StateStatus status;
        if (state.failState) {
            status = StateStatus.FAILED;
            failure = merged(definedFailure(specs.get(name)), executionFailure);
        } else if (state.entered > state.exited) {
            status = open(state);
        } else if (state.caught) {
            status = StateStatus.CAUGHT;
        } else if (state.failures > 0) {
            status = StateStatus.RETRIED;
        } else {
            status = StateStatus.SUCCEEDED;
        }
        return new StateRun(
                name,
                status,
                state.entered,
                state.failures,
                failure == null ? null : failure.error(),
                failure == null ? null : failure.cause(),
                state.firstEntered,
                state.lastExited,
                null,
                state.input,
                state.output);
    }

    /** A Fail state's Error and Cause as its definition writes them, unless they are computed (JSONata, paths). */
    private static ErrorAndCause definedFailure(StateSpec spec) {
        if (spec == null || spec.error() == null || spec.error().startsWith("{%")) {
            return null;
        }
        String cause = spec.cause() == null || spec.cause().startsWith("{%") ? null : spec.cause();
        return new ErrorAndCause(spec.error(), cause, null);
    }

    /**
     * A Fail state's failure: its Error and Cause as written, completed by the execution's failure when that has the
     * same error (a JSONata or path Cause is only known from there).
     */
    private static ErrorAndCause merged(ErrorAndCause defined, ErrorAndCause execution) {
        if (defined == null) {
            return execution;
        }
        if (defined.cause() == null
                && execution != null
                && defined.error().equals(execution.error())
                && execution.cause() != null) {
            return new ErrorAndCause(defined.error(), execution.cause(), null);
        }
        return defined;
    }

    private StateStatus open(Accumulator state) {
        if (finalStatus == null) {
            return StateStatus.RUNNING;
        }
        if (state.failedThisAttempt) {
            return state.timedOut ? StateStatus.TIMED_OUT : StateStatus.FAILED;
        }
        return switch (finalStatus) {
            case "ExecutionTimedOut" -> StateStatus.TIMED_OUT;
            case "ExecutionSucceeded" -> StateStatus.SUCCEEDED;
            default -> StateStatus.ABORTED;
        };
    }
}
