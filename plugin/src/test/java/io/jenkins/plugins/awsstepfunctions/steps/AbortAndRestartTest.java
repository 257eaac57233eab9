package io.jenkins.plugins.awsstepfunctions.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.awsstepfunctions.testing.Executions;
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

/**
 * A controller restart in the middle of any waiting step leaves the build running, and it ends with the execution's
 * real result; aborting the build cancels the wait (and stops the execution on request).
 */
@ExtendWith(MotoExtension.class)
class AbortAndRestartTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private final MotoServer moto;
    /** In front of moto, to hold a call in flight while Jenkins stops. */
    private SlowMoto slow;

    AbortAndRestartTest(MotoServer moto) {
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

    private static WorkflowRun build(JenkinsRule j, String name, String script) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job.scheduleBuild2(0).waitForStart();
    }

    private static WorkflowRun firstBuildOf(JenkinsRule j, String name) {
        return j.jenkins.getItemByFullName(name, WorkflowJob.class).getBuildByNumber(1);
    }

    private static int occurrences(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }

    private int executionsOf(String stateMachine) {
        try (SfnClient sfn = moto.sfnClient()) {
            return sfn.listExecutions(b -> b.stateMachineArn(stateMachine))
                    .executions()
                    .size();
        }
    }

    @Test
    void waitsOfBothStepsResumeAfterARestartAndEndWithTheExecutionsResult() throws Throwable {
        String[] stateMachine = new String[1];
        sessions.then(j -> {
            PluginTestSupport.useMoto(moto);
            try (SfnClient sfn = moto.sfnClient()) {
                stateMachine[0] = StateMachines.create(sfn, "wait-then-succeed");
            }
            WorkflowRun build = build(
                    j,
                    "resumed",
                    "parallel(\n"
                            + "  startAndWait: { def arn = sfnStartExecution(stateMachineArn: '" + stateMachine[0]
                            + "',"
                            + " input: [seconds: 8], wait: true); echo \"start ended ${arn}\" },\n"
                            + "  waitStep: { def arn = sfnStartExecution(stateMachineArn: '" + stateMachine[0] + "',"
                            + " input: [seconds: 8]); def out = sfnWaitForExecution(executionArn: arn);"
                            + " echo \"wait ended ${out}\" })");
            j.waitForMessage("[AWS Step Functions] Waiting for", build);
            while (occurrences(JenkinsRule.getLog(build), "[AWS Step Functions] Waiting for") < 2) {
                Thread.sleep(50);
            }
        });
        sessions.then(j -> {
            WorkflowRun build = firstBuildOf(j, "resumed");
            j.assertBuildStatusSuccess(j.waitForCompletion(build));
            String log = JenkinsRule.getLog(build);
            assertThat(occurrences(log, "[AWS Step Functions] Resuming the wait for"))
                    .isEqualTo(2);
            assertThat(log)
                    .contains("start ended arn:aws:states:", "wait ended [seconds:8]")
                    .doesNotContain("WatcherClosedException", "Stopped waiting");
            assertThat(executionsOf(stateMachine[0])).as("executions started").isEqualTo(2);
        });
    }

    @Test
    void aStartInFlightWhenJenkinsStopsIsCompletedAfterTheRestartAndRunsOnce() throws Throwable {
        String[] stateMachine = new String[1];
        sessions.then(j -> {
            PluginTestSupport.useMotoThrough(slow.baseUrl());
            try (SfnClient sfn = moto.sfnClient()) {
                stateMachine[0] = StateMachines.create(sfn, "wait-then-succeed");
            }
            slow.holdFirst("StartExecution", 8_000);
            WorkflowRun build = build(
                    j,
                    "starting",
                    "def out = sfnStartExecution(stateMachineArn: '" + stateMachine[0]
                            + "', input: [seconds: 3], wait: true)\necho \"ended ${out}\"");
            j.waitForMessage("[Pipeline] sfnStartExecution", build);
            slow.awaitRequest("StartExecution");
        });
        sessions.then(j -> {
            WorkflowRun build = firstBuildOf(j, "starting");
            j.assertBuildStatusSuccess(j.waitForCompletion(build));
            assertThat(JenkinsRule.getLog(build))
                    .contains("[AWS Step Functions] Resuming the start of", "ended arn:aws:states:");
            assertThat(executionsOf(stateMachine[0])).as("executions started").isEqualTo(1);
        });
    }

    @Test
    void aRestartWhileTheFailureIsReadEndsWithTheRealFailure() throws Throwable {
        sessions.then(j -> {
            PluginTestSupport.useMotoThrough(slow.baseUrl());
            String stateMachine;
            try (SfnClient sfn = moto.sfnClient()) {
                stateMachine = StateMachines.create(sfn, "fail");
            }
            slow.holdEvery("GetExecutionHistory", 4_000);
            WorkflowRun build =
                    build(j, "failing", "sfnStartExecution(stateMachineArn: '" + stateMachine + "', wait: true)");
            j.waitForMessage("[AWS Step Functions] Waiting for", build);
            slow.awaitRequest("GetExecutionHistory");
        });
        sessions.then(j -> {
            WorkflowRun build = firstBuildOf(j, "failing");
            j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(build));
            assertThat(JenkinsRule.getLog(build))
                    .contains(
                            "[AWS Step Functions] Resuming the wait for",
                            "FAILED in state 'Explode' (Fail): Deployment.Rejected")
                    .doesNotContain("WatcherClosedException", "Stopped waiting");
        });
    }

    @Test
    void aRestartWhileSfnGetOutputReadsTheFailureEndsWithTheRealFailure() throws Throwable {
        sessions.then(j -> {
            PluginTestSupport.useMotoThrough(slow.baseUrl());
            String execution;
            try (SfnClient sfn = moto.sfnClient()) {
                String stateMachine = StateMachines.create(sfn, "fail");
                execution = sfn.startExecution(
                                b -> b.stateMachineArn(stateMachine).name("failed-1"))
                        .executionArn();
                Executions.awaitEnd(sfn, execution, Duration.ofSeconds(30));
            }
            slow.holdEvery("GetExecutionHistory", 4_000);
            WorkflowRun build = build(j, "output", "sfnGetOutput(executionArn: '" + execution + "')");
            j.waitForMessage("[Pipeline] sfnGetOutput", build);
            slow.awaitRequest("GetExecutionHistory");
        });
        sessions.then(j -> {
            WorkflowRun build = firstBuildOf(j, "output");
            j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(build));
            assertThat(JenkinsRule.getLog(build))
                    .contains("FAILED in state 'Explode' (Fail): Deployment.Rejected")
                    .doesNotContain("InterruptedException", "AbortedException", "shutting down");
        });
    }

    @Test
    void abortCancelsTheWaitAndStopsTheExecutionWithStopOnAbort() throws Throwable {
        sessions.then(j -> {
            PluginTestSupport.useMoto(moto);
            String stateMachine;
            try (SfnClient sfn = moto.sfnClient()) {
                stateMachine = StateMachines.create(sfn, "wait-then-succeed");
            }
            WorkflowRun build = build(
                    j,
                    "aborted",
                    "def arn = sfnStartExecution(stateMachineArn: '" + stateMachine
                            + "', name: 'a1', input: [seconds: 120])\nsfnWaitForExecution(executionArn: arn,"
                            + " stopOnAbort: true)");
            j.waitForMessage("[AWS Step Functions] Waiting for", build);

            build.doStop();

            j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(build));
            try (SfnClient sfn = moto.sfnClient()) {
                String execution = stateMachine.replace(":stateMachine:", ":execution:") + ":a1";
                long deadline = System.currentTimeMillis() + 30_000;
                String status;
                do {
                    status = sfn.describeExecution(b -> b.executionArn(execution))
                            .statusAsString();
                    Thread.sleep(200);
                } while (!"ABORTED".equals(status) && System.currentTimeMillis() < deadline);
                assertThat(status).isEqualTo("ABORTED");
            }
        });
    }
}
