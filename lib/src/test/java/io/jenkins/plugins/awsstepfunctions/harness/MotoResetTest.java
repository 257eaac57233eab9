package io.jenkins.plugins.awsstepfunctions.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsstepfunctions.testing.Executions;
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.SfnClient;

/** Each test class starts from an empty emulator, and a reset keeps the interpreter on. */
@ExtendWith(MotoExtension.class)
class MotoResetTest {

    @Test
    void resetForgetsStateMachinesAndKeepsTheInterpreterOn(MotoServer moto) {
        try (SfnClient sfn = moto.sfnClient()) {
            assertThat(sfn.listStateMachines(b -> {}).stateMachines()).isEmpty();
            StateMachines.create(sfn, "pass");

            moto.reset();

            assertThat(sfn.listStateMachines(b -> {}).stateMachines()).isEmpty();
            String failing = StateMachines.create(sfn, "fail");
            String execution = sfn.startExecution(
                            b -> b.stateMachineArn(failing).name("after-reset"))
                    .executionArn();
            assertThat(Executions.awaitEnd(sfn, execution, Duration.ofSeconds(30))
                            .error())
                    .as("only the interpreter runs a Fail state")
                    .isEqualTo("Deployment.Rejected");
        }
    }
}
