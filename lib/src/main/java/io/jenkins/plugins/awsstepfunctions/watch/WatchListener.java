package io.jenkins.plugins.awsstepfunctions.watch;

import io.jenkins.plugins.awsstepfunctions.execution.ExecutionState;
import io.jenkins.plugins.awsstepfunctions.graph.ExecutionGraph;

/**
 * Hears what a watch learns while it waits. Called from the watcher's threads: return quickly and do not block.
 * Calls for one watch never overlap and come in order.
 */
public interface WatchListener {

    WatchListener NONE = new WatchListener() {};

    /** A step of progress (only with {@link WatchOptions#progress()}). */
    default void onProgress(ProgressEvent event) {}

    /** The diagram with what each state did so far (only with {@link WatchOptions#graph()}); the last one is final. */
    default void onGraph(ExecutionGraph graph) {}

    /** The status seen by the latest check. */
    default void onStatus(ExecutionState state) {}

    /**
     * How the watch waits, when it starts and whenever that changes; only called when the watcher has a status-change
     * event queue ({@link ExecutionWatcher#statusChanges()}).
     */
    default void onWaitMode(WaitMode mode, String why) {}

    /** A check failed and will be retried; {@code message} says why (e.g. throttling, a connection problem). */
    default void onTrouble(String message) {}
}
