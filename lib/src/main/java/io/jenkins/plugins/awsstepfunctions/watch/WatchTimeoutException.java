package io.jenkins.plugins.awsstepfunctions.watch;

import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionState;
import java.time.Instant;

/** The deadline passed before the execution ended. The execution itself keeps running. */
public class WatchTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    WatchTimeoutException(ExecutionArn execution, Instant deadline, ExecutionState lastSeen) {
        super("Stopped waiting for " + execution + " at " + deadline + " (the timeout); it was "
                + (lastSeen == null ? "not seen yet" : lastSeen) + " and keeps running in Step Functions.");
    }
}
