package io.jenkins.plugins.awsstepfunctions.steps;

import static org.junit.Assert.assertEquals;

import hudson.model.Result;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsSessionRule;
import software.amazon.awssdk.services.sfn.SfnClient;

/** A wait survives a controller restart, and aborting the build cancels it (and stops the execution on request). */
public class AbortAndRestartTest {

    private static MotoServer moto;

    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();

    @BeforeClass
    public static void startMoto() {
        moto = MotoServer.start(System.getProperty("moto.python", "python3"));
    }

    @AfterClass
    public static void stopMoto() {
        moto.close();
    }

    @Test
    public void waitResumesAfterARestart() throws Throwable {
        String[] arn = new String[1];
        sessions.then(j -> {
            PluginTestSupport.useMoto(moto);
            try (SfnClient sfn = moto.sfnClient()) {
                arn[0] = StateMachines.create(sfn, "wait-then-succeed");
            }
            WorkflowJob job = j.createProject(WorkflowJob.class, "resumed");
            job.setDefinition(new CpsFlowDefinition("def out = sfnStartExecution(stateMachineArn: '" + arn[0]
                    + "', name: 'r1', input: [seconds: 8], wait: true)\necho \"ended ${out}\"", true));
            WorkflowRun build = job.scheduleBuild2(0).waitForStart();
            j.waitForMessage("[AWS Step Functions] Waiting for", build);
        });
        sessions.then(j -> {
            WorkflowRun build = j.jenkins.getItemByFullName("resumed", WorkflowJob.class).getBuildByNumber(1);
            j.assertBuildStatusSuccess(j.waitForCompletion(build));
            j.assertLogContains("[AWS Step Functions] Resuming the wait for", build);
            j.assertLogContains(":execution:wait-then-succeed-", build);
        });
    }

    @Test
    public void abortCancelsTheWaitAndStopsTheExecutionWithStopOnAbort() throws Throwable {
        sessions.then(j -> {
            PluginTestSupport.useMoto(moto);
            String stateMachine;
            try (SfnClient sfn = moto.sfnClient()) {
                stateMachine = StateMachines.create(sfn, "wait-then-succeed");
            }
            WorkflowJob job = j.createProject(WorkflowJob.class, "aborted");
            job.setDefinition(new CpsFlowDefinition("def arn = sfnStartExecution(stateMachineArn: '" + stateMachine
                    + "', name: 'a1', input: [seconds: 120])\nsfnWaitForExecution(executionArn: arn,"
                    + " stopOnAbort: true)", true));
            WorkflowRun build = job.scheduleBuild2(0).waitForStart();
            j.waitForMessage("[AWS Step Functions] Waiting for", build);

            build.doStop();

            j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(build));
            try (SfnClient sfn = moto.sfnClient()) {
                String execution = stateMachine.replace(":stateMachine:", ":execution:") + ":a1";
                long deadline = System.currentTimeMillis() + 30_000;
                String status;
                do {
                    status = sfn.describeExecution(b -> b.executionArn(execution)).statusAsString();
                    Thread.sleep(200);
                } while (!"ABORTED".equals(status) && System.currentTimeMillis() < deadline);
                assertEquals("ABORTED", status);
            }
        });
    }
}
