package io.jenkins.plugins.awsstepfunctions.watch;

/** How a watch learns that its execution ended. */
public enum WaitMode {
    /** DescribeExecution (or ListExecutions) at the poll interval. */
    POLLING,
    /**
     * A status-change event from the queue ends it; a slow check ({@link WatcherSettings#eventSafetyInterval()}) still
     * runs in case an event is lost.
     */
    EVENTS
}
