package io.jenkins.plugins.awsstepfunctions.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsstepfunctions.execution.StateMachineArn;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsException;
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The "Test connection" check against moto: identity, then a read-only Step Functions call. */
@ExtendWith(MotoExtension.class)
class ConnectionCheckTest {

    @Test
    void reportsTheIdentityAndTheStateMachinesStatus(MotoServer moto) {
        ConnectionSettings settings = moto.settings().toBuilder()
                .assumeRole(AssumeRoleSettings.builder()
                        .stsEndpoint(moto.endpoint().toString())
                        .roleArn("arn:aws:iam::123456789012:role/checker")
                        .build())
                .build();
        try (StepFunctionsClients clients = new StepFunctionsClients();
                ClientLease lease = clients.lease(settings, MotoServer.credentials())) {
            String arn = StateMachines.create(lease.sfn(), "pass");

            String result = ConnectionCheck.run(lease, StateMachineArn.parse("stateMachineArn", arn));

            assertThat(result)
                    .startsWith("Connected as arn:aws:sts::123456789012:assumed-role/checker/")
                    .endsWith("; state machine " + arn + " is ACTIVE");
        }
    }

    @Test
    void withoutARoleTheEmulatorsStsAnswersAndOneStateMachineIsListed(MotoServer moto) {
        try (StepFunctionsClients clients = new StepFunctionsClients();
                ClientLease lease = clients.lease(moto.settings(), MotoServer.credentials())) {
            assertThat(ConnectionCheck.run(lease, null))
                    .startsWith("Connected as arn:aws:")
                    .contains("; Step Functions answers");
        }
    }

    @Test
    void missingStateMachineIsExplained(MotoServer moto) {
        StateMachineArn missing =
                StateMachineArn.parse("stateMachineArn", "arn:aws:states:us-east-1:123456789012:stateMachine:nowhere");
        try (StepFunctionsClients clients = new StepFunctionsClients();
                ClientLease lease = clients.lease(
                        moto.settings().toBuilder()
                                .assumeRole(AssumeRoleSettings.builder()
                                        .stsEndpoint(moto.endpoint().toString())
                                        .roleArn("arn:aws:iam::123456789012:role/checker")
                                        .build())
                                .build(),
                        MotoServer.credentials())) {
            assertThatThrownBy(() -> ConnectionCheck.run(lease, missing))
                    .isInstanceOf(StepFunctionsException.class)
                    .hasMessageStartingWith(
                            "DescribeStateMachine on " + missing + " failed: the state machine does" + " not exist");
        }
    }
}
