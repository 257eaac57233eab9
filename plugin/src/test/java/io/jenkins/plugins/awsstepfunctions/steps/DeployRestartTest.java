package io.jenkins.plugins.awsstepfunctions.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;

/**
 * sfnDeployStateMachine keeps its checked request with the step (Pipeline's program, written at the restart): a deploy
 * cut short by a controller restart deploys again after it, with the same name, role and definition file, once.
 */
@ExtendWith(MotoExtension.class)
class DeployRestartTest {

    private static final String NAME = "deployed-across-a-restart";

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private final MotoServer moto;
    /** In front of moto: answers ValidateStateMachineDefinition (moto lacks it) and holds the create in flight. */
    private SlowMoto slow;

    DeployRestartTest(MotoServer moto) {
        this.moto = moto;
    }

    @BeforeEach
    void startWireMock() {
        slow = new SlowMoto(moto);
        slow.server()
                .stubFor(WireMockStubs.operation("ValidateStateMachineDefinition")
                        .willReturn(WireMockStubs.jsonResponse(
                                Map.of("result", "OK", "diagnostics", List.of(), "truncated", false))));
    }

    @AfterEach
    void stopWireMock() {
        slow.close();
    }

    @Test
    void aDeployCutShortByARestartDeploysAgainWithTheSameRequest() throws Throwable {
        String definition = StateMachines.definition("wait-then-succeed");
        sessions.then(j -> {
            PluginTestSupport.useMotoThrough(slow.baseUrl());
            slow.holdFirst("CreateStateMachine", 8_000);
            WorkflowJob job = j.createProject(WorkflowJob.class, "deploy");
            job.setDefinition(new CpsFlowDefinition(
                    "node {\n  def r = sfnDeployStateMachine(name: '" + NAME + "', definitionFile: 'sm.asl.json',"
                            + " executionRoleArn: '" + MotoServer.EXECUTION_ROLE_ARN + "')\n"
                            + "  echo \"deployed ${r.stateMachineArn}\"\n}",
                    true));
            j.jenkins.getWorkspaceFor(job).child("sm.asl.json").write(definition, StandardCharsets.UTF_8.name());
            WorkflowRun build = job.scheduleBuild2(0).waitForStart();
            j.waitForMessage("[AWS Step Functions] Deploying the STANDARD state machine '" + NAME + "'", build);
            slow.awaitRequest("CreateStateMachine");
        });
        sessions.then(j -> {
            WorkflowRun build =
                    j.jenkins.getItemByFullName("deploy", WorkflowJob.class).getBuildByNumber(1);
            j.assertBuildStatusSuccess(j.waitForCompletion(build));
            String log = JenkinsRule.getLog(build);
            assertThat(log).contains("Resuming the deploy of '" + NAME + "'", "deployed arn:aws:states:");
            try (SfnClient sfn = moto.sfnClient()) {
                List<StateMachineListItem> named = sfn.listStateMachines().stateMachines().stream()
                        .filter(item -> item.name().equals(NAME))
                        .toList();
                assertThat(named).as("state machines named " + NAME).hasSize(1);
                DescribeStateMachineResponse deployed = sfn.describeStateMachine(
                        b -> b.stateMachineArn(named.get(0).stateMachineArn()));
                assertThat(deployed.roleArn()).isEqualTo(MotoServer.EXECUTION_ROLE_ARN);
                assertThat(deployed.definition()).isEqualTo(definition);
            }
        });
    }
}
