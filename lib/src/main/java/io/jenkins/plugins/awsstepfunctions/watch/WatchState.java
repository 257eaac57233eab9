package io.jenkins.plugins.awsstepfunctions.watch;

import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionDescription;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionState;
import io.jenkins.plugins.awsstepfunctions.execution.MapRunCounts;
import io.jenkins.plugins.awsstepfunctions.execution.StateMachineArn;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsOperations;
import io.jenkins.plugins.awsstepfunctions.graph.Drawing;
import io.jenkins.plugins.awsstepfunctions.graph.StateRunTracker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * One watched execution. Fields are owned by the watcher's loop thread, except the progress fields, which belong to
 * the one history task in flight ({@link #historyInFlight}), and the volatile ones, which the handle reads.
 */
final class WatchState {

    final WatchRequest request;
    final WatchListener listener;
    final ClientLease lease;
    final StepFunctionsOperations operations;
    final StateMachineArn stateMachine;
    final CompletableFuture<WatchResult> future = new CompletableFuture<>();
    final Instant registeredAt;
    /** Orders watches with equal times, for the sorted sets of the loop. */
    final long sequence;

    final ListenerCalls.Pending pending = new ListenerCalls.Pending();

    Lane lane;
    /** This watch's entry in its lane's due DescribeExecution calls, if any. */
    Lane.Due due;

    Instant nextCheck;
    Duration delay;
    boolean inFlight;
    boolean forcedDescribe;
    boolean done;
    int consecutiveErrors;
    ExecutionDescription finalDescription;
    Phase phase = Phase.WAITING;

    volatile ExecutionState lastState;

    /** With events available, an event ends this watch; checks are the slow safety net ({@link WaitMode#EVENTS}). */
    boolean onEvents;
    /** A DescribeExecution is due to confirm an event that could not be trusted alone. */
    boolean confirming;
    /** With events and progress: this watch's entry in its lane's progress ticks. */
    Lane.Due tick;
    /** The redrive count the last DescribeExecution saw: older events are of an earlier attempt. */
    int redriveCount;

    volatile long cursor;

    boolean historyInFlight;
    boolean progressQueued;
    ProgressTracker tracker;
    boolean definitionLoaded;
    /** A DescribeStateMachineForExecution permit is held by the history call in flight. */
    boolean definitionCall;
    /** With {@link WatchOptions#graph()}: the definition's drawing (null when it cannot be drawn) and the runs. */
    Drawing drawing;

    StateRunTracker runs;
    /** How many new history events the last drain took. */
    int drained;
    /** Distributed Map runs seen in the history: Map Run ARN to its Map state's name, in order. */
    final Map<String, String> mapRuns = new LinkedHashMap<>();
    /** Map Runs whose end is in the history and whose counters were read after it. */
    final Set<String> mapRunsFinal = new HashSet<>();

    final Set<String> mapRunsEnded = new HashSet<>();
    /** Map Runs whose counters the next calls read, one call each, before the history pages. */
    final ArrayDeque<String> mapRunsDue = new ArrayDeque<>();

    boolean mapRunsQueued;
    /** Latest counters by Map state name, and the ones last reported as progress. */
    final Map<String, MapRunCounts> mapRunCounts = new LinkedHashMap<>();

    final Map<String, MapRunCounts> mapRunReported = new HashMap<>();
    /** The Map state entered by each MapStateEntered event id, to name the Map Run a MapRunStarted event starts. */
    final Map<Long, String> mapStateEntered = new HashMap<>();

    final Map<Long, Long> mapStateStarted = new HashMap<>();
    final Map<Long, String> mapRunStarted = new HashMap<>();

    String historyToken;
    final List<HistoryEvent> pendingHistory = new ArrayList<>();

    enum Phase {
        WAITING,
        FINAL_PROGRESS,
        REPORT
    }

    WatchState(WatchRequest request, WatchListener listener, ClientLease lease, Instant now, long sequence) {
        this.request = request;
        this.sequence = sequence;
        this.listener = listener;
        this.lease = lease;
        this.operations = new StepFunctionsOperations(lease);
        this.stateMachine = request.execution().stateMachine();
        this.registeredAt = now;
        this.delay = request.options().firstCheck();
        this.nextCheck = now.plus(delay);
        // A graph is drawn from the whole history, also after a restart: then only the progress lines resume.
        this.cursor = request.options().graph() ? 0 : request.progressAfterEventId();
    }

    boolean waiting() {
        return !done && phase == Phase.WAITING;
    }
}
