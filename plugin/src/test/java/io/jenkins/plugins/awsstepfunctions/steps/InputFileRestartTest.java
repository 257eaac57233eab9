package io.jenkins.plugins.awsstepfunctions.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/**
 * sfnStartExecution(inputFile:) reads the file once, before its first start, and keeps the input with the step: a
 * start repeated after a controller restart sends that input, whatever became of the file.
 */
@ExtendWith(MotoExtension.class)
class InputFileRestartTest {

    private static final String INPUT = "{\"seconds\": 2, \"from\": \"the file\"}";

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private final MotoServer moto;
    /** In front of moto, to hold the start in flight while Jenkins stops. */
    private SlowMoto slow;

    InputFileRestartTest(MotoServer moto) {
        this.moto = moto;
    }

    @BeforeEach
    void startWireMock() {
        slow = new SlowMoto(moto);
    }

    @AfterEach
    void stopWireMock() {
        slow.close();
    }

    @Test
    void aStartRepeatedAfterARestartSendsTheInputReadBeforeItEvenWhenTheFileIsGone() throws Throwable {
        String[] stateMachine = new String[1];
        sessions.then(j -> {
            PluginTestSupport.useMotoThrough(slow.baseUrl());
            try (SfnClient sfn = moto.sfnClient()) {
                stateMachine[0] = StateMachines.create(sfn, "wait-then-succeed");
            }
            slow.holdFirst("StartExecution", 8_000);
            WorkflowJob job = j.createProject(WorkflowJob.class, "from-file");
            job.setDefinition(new CpsFlowDefinition(
                    "node {\n  def arn = sfnStartExecution(stateMachineArn: '" + stateMachine[0]
                            + "', inputFile: 'input.json', wait: true)\n  echo \"ended ${arn}\"\n}",
                    true));
            j.jenkins.getWorkspaceFor(job).child("input.json").write(INPUT, StandardCharsets.UTF_8.name());
            WorkflowRun build = job.scheduleBuild2(0).waitForStart();
            j.waitForMessage("[AWS Step Functions] The input is input.json (", build);
            slow.awaitRequest("StartExecution");
            j.jenkins.getWorkspaceFor(job).child("input.json").delete();
        });
        sessions.then(j -> {
            WorkflowRun build =
                    j.jenkins.getItemByFullName("from-file", WorkflowJob.class).getBuildByNumber(1);
            j.assertBuildStatusSuccess(j.waitForCompletion(build));
            String log = JenkinsRule.getLog(build);
            assertThat(log)
                    .contains("[AWS Step Functions] Resuming the start of", "ended arn:aws:states:")
                    .doesNotContain("there is no file");
            assertThat(log.split("The input is input.json", -1))
                    .as("the file was read once")
                    .hasSize(2);
            try (SfnClient sfn = moto.sfnClient()) {
                List<ExecutionListItem> executions = sfn.listExecutions(b -> b.stateMachineArn(stateMachine[0]))
                        .executions();
                assertThat(executions).as("executions started").hasSize(1);
                assertThat(sfn.describeExecution(
                                        b -> b.executionArn(executions.get(0).executionArn()))
                                .input())
                        .isEqualTo(INPUT);
            }
        });
    }
}
