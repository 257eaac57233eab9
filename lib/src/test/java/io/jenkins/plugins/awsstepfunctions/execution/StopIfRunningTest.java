package io.jenkins.plugins.awsstepfunctions.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsstepfunctions.testing.Executions;
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.MotoSession;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Stopping is idempotent: a running execution is stopped, one that already ended is left as it is and said so. */
@ExtendWith(MotoExtension.class)
class StopIfRunningTest {

    @Test
    void aRunningExecutionIsStoppedAndAStoppedOneIsLeftAlone(MotoServer moto) {
        try (MotoSession session = new MotoSession(moto)) {
            ExecutionArn execution =
                    session.start(session.stateMachine("wait-then-succeed"), "stop-me", Map.of("seconds", 60));

            StopResult first = session.operations().stopIfRunning(execution, "Jenkins.Stopped", "by the build");
            // Reads are eventually consistent (moto's interpreter, like Step Functions, shows the stop a moment later).
            assertThat(Executions.awaitEnd(session.lease().sfn(), execution.toString(), Duration.ofSeconds(30))
                            .statusAsString())
                    .isEqualTo("ABORTED");
            StopResult second = session.operations().stopIfRunning(execution, "Jenkins.Stopped", "by the build");

            assertThat(first.stopped()).isTrue();
            assertThat(first.before()).isEqualTo(ExecutionState.RUNNING);
            assertThat(second.stopped()).isFalse();
            assertThat(second.before()).isEqualTo(ExecutionState.ABORTED);
            assertThat(second.describe()).contains("had already ended (ABORTED)");
            // Asked again after a restart cut the first call short: the stop it finds is taken as its own.
            StopResult resumed = second.afterEarlierAttempt();
            assertThat(resumed.stopped()).isTrue();
            assertThat(resumed.describe()).isEqualTo("Stopped " + execution + " (by the call made before the restart)");
        }
    }

    @Test
    void anExecutionThatEndedOtherwiseIsNotTakenAsStoppedAfterARestart() {
        ExecutionArn execution = ExecutionArn.parse(
                "executionArn", "arn:aws:states:us-east-1:123456789012:execution:machine:ended-by-itself");
        for (ExecutionState ended :
                new ExecutionState[] {ExecutionState.SUCCEEDED, ExecutionState.FAILED, ExecutionState.TIMED_OUT}) {
            StopResult result = new StopResult(execution, false, ended).afterEarlierAttempt();

            assertThat(result.stopped()).as("%s", ended).isFalse();
            assertThat(result.describe()).contains("had already ended (" + ended + "); nothing to stop");
        }
    }
}
