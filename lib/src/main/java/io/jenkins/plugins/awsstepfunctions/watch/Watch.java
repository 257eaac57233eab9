package io.jenkins.plugins.awsstepfunctions.watch;

import io.jenkins.plugins.awsstepfunctions.execution.ExecutionState;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A running watch: its result to come, what it saw last, and how to stop it. */
public final class Watch {

    private final WatchState state;

    Watch(WatchState state) {
        this.state = state;
    }

    /**
     * Completes with the result once the execution ended (whatever its status), or exceptionally with a
     * {@link WatchTimeoutException}, a {@link WatcherClosedException}, or the
     * {@link io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsException} that made waiting impossible.
     * Cancelling it cancels the watch.
     */
    public CompletableFuture<WatchResult> result() {
        return state.future;
    }

    public WatchRequest request() {
        return state.request;
    }

    /** The status the latest check saw, if any check answered yet. */
    public Optional<ExecutionState> lastState() {
        return Optional.ofNullable(state.lastState);
    }

    /**
     * The last history event reported as progress; persist it and resume with
     * {@link WatchRequest#withProgressAfter(long)} to avoid reporting anything twice.
     */
    public long progressCursor() {
        return state.cursor;
    }

    /** Stops watching; the execution itself is not touched. */
    public void cancel() {
        state.future.cancel(false);
    }
}
