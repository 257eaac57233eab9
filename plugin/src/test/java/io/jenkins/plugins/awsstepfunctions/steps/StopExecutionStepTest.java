package io.jenkins.plugins.awsstepfunctions.steps;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import hudson.model.Result;
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import software.amazon.awssdk.services.sfn.SfnClient;

/** sfnStopExecution beyond the documented examples: what fails, and before which call. */
@WithJenkins
@ExtendWith(MotoExtension.class)
class StopExecutionStepTest {

    private JenkinsRule j;
    private SfnClient sfn;

    @BeforeEach
    void setUp(JenkinsRule j, MotoServer moto) throws Exception {
        this.j = j;
        this.sfn = moto.sfnClient();
        PluginTestSupport.useMoto(moto);
    }

    private WorkflowRun run(String name, String script, Result expected) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return j.assertBuildStatus(expected, job.scheduleBuild2(0));
    }

    @Test
    void failIfEndedFailsOnAnExecutionThatAlreadyEnded() throws Exception {
        String arn = StateMachines.create(sfn, "pass");

        WorkflowRun build = run(
                "ended",
                "def arn = sfnStartExecution(stateMachineArn: '" + arn + "', name: 'done', wait: true)\n"
                        + "sfnStopExecution(executionArn: arn, failIfEnded: true)",
                Result.FAILURE);

        j.assertLogContains("sfnStopExecution: ", build);
        j.assertLogContains(":done had already ended (SUCCEEDED); nothing to stop (failIfEnded: true)", build);
    }

    @Test
    void anExpressOrMalformedArnFailsBeforeAnyCall() throws Exception {
        WorkflowRun express = run(
                "express",
                "sfnStopExecution('arn:aws:states:us-east-1:123456789012:express:orders:b1:"
                        + "0f6a1b2c-3d4e-5f60-7182-93a4b5c6d7e8')",
                Result.FAILURE);
        WorkflowRun malformed = run("malformed", "sfnStopExecution(executionArn: 'orders')", Result.FAILURE);

        j.assertLogContains("sfnStopExecution: executionArn: ", express);
        j.assertLogContains("is an EXPRESS execution", express);
        j.assertLogContains("sfnStopExecution: executionArn: 'orders' is not an execution ARN", malformed);
    }

    @Test
    void anUnknownExecutionIsExplained() throws Exception {
        WorkflowRun build = run(
                "unknown",
                "sfnStopExecution(executionArn: 'arn:aws:states:us-east-1:" + MotoServer.ACCOUNT_ID
                        + ":execution:nothing:here')",
                Result.FAILURE);

        j.assertLogContains("DescribeExecution on arn:aws:states:us-east-1:", build);
        j.assertLogContains("the execution does not exist", build);
    }

    @Test
    void theErrorAndCauseReachStepFunctions() throws Exception {
        // moto drops StopExecution's error and cause; WireMock shows what the step sends.
        try (StubbedService stub = new StubbedService()) {
            WireMockServer service = stub.server();
            String execution = "arn:aws:states:us-east-1:123456789012:execution:orders:b1";
            service.stubFor(WireMockStubs.operation("DescribeExecution")
                    .willReturn(WireMockStubs.jsonResponse(Map.of(
                            "executionArn", execution,
                            "stateMachineArn", "arn:aws:states:us-east-1:123456789012:stateMachine:orders",
                            "name", "b1",
                            "status", "RUNNING",
                            "startDate", 1.7645e9))));
            service.stubFor(WireMockStubs.operation("StopExecution")
                    .willReturn(WireMockStubs.jsonResponse(Map.of("stopDate", 1.7647e9))));

            run("defaults", "sfnStopExecution('" + execution + "')", Result.SUCCESS);
            run(
                    "given",
                    "sfnStopExecution(executionArn: '" + execution
                            + "', error: 'Release.Cancelled', cause: 'superseded')",
                    Result.SUCCESS);

            service.verify(postRequestedFor(urlEqualTo("/"))
                    .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.StopExecution"))
                    .withRequestBody(matchingJsonPath("$.error", equalTo("Jenkins.Stopped")))
                    .withRequestBody(matchingJsonPath("$.cause", equalTo("Stopped by the Jenkins build defaults #1"))));
            service.verify(postRequestedFor(urlEqualTo("/"))
                    .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.StopExecution"))
                    .withRequestBody(matchingJsonPath("$.error", equalTo("Release.Cancelled")))
                    .withRequestBody(matchingJsonPath("$.cause", equalTo("superseded"))));
        }
    }
}
