package io.jenkins.plugins.awsstepfunctions.watch;

import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionDescription;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionState;
import io.jenkins.plugins.awsstepfunctions.execution.StateMachineArn;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsOperations;
import io.jenkins.plugins.awsstepfunctions.graph.Drawing;
import io.jenkins.plugins.awsstepfunctions.graph.StateRunTracker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        this.cursor = request.progressAfterEventId();
    }

    boolean waiting() {
        return !done && phase == Phase.WAITING;
    }
}
