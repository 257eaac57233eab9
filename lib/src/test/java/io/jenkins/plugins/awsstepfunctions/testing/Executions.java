package io.jenkins.plugins.awsstepfunctions.testing;

import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** Test-side helpers around executions on the emulator. */
public final class Executions {

    private static final Duration POLL = Duration.ofMillis(100);

    private Executions() {}

    /** Polls DescribeExecution until the execution is no longer RUNNING; fails the test after {@code limit}. */
    public static DescribeExecutionResponse awaitEnd(SfnClient sfn, String executionArn, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            DescribeExecutionResponse description = sfn.describeExecution(b -> b.executionArn(executionArn));
            if (description.status() != ExecutionStatus.RUNNING) {
                return description;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(executionArn + " was still RUNNING after " + limit);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + executionArn, e);
            }
        }
    }
}
