package io.jenkins.plugins.awsstepfunctions.steps;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.github.tomakehurst.wiremock.WireMockServer;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.actions.ArgumentsAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * sfnSendTaskSuccess, sfnSendTaskFailure and sfnSendTaskHeartbeat against a state machine on moto that waits for a
 * task token; the token is a secret wherever it comes from.
 */
@WithJenkins
@ExtendWith(MotoExtension.class)
class TaskTokenStepsTest {

    /** Shaped like a real token; what the service may quote back in an error message. */
    private static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAf7secret-task-token-Zm9vYmFy";

    private JenkinsRule j;
    private MotoServer moto;
    private SfnClient sfn;

    @BeforeEach
    void setUp(JenkinsRule j, MotoServer moto) throws Exception {
        this.j = j;
        this.moto = moto;
        this.sfn = moto.sfnClient();
        PluginTestSupport.useMoto(moto);
    }

    private WorkflowRun run(String name, String script, Result expected) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return j.assertBuildStatus(expected, job.scheduleBuild2(0));
    }

    @Test
    void aFailureEndsTheExecutionWithTheErrorGiven() throws Exception {
        try (CallbackStateMachine callback = new CallbackStateMachine(moto, sfn)) {
            CallbackStateMachine.WaitingTask task = callback.start("rejected");

            WorkflowRun build = PluginTestSupport.runWithTaskToken(
                    j,
                    "rejects",
                    "sfnSendTaskFailure(taskToken: params.TASK_TOKEN, error: 'Jenkins.Rejected',"
                            + " cause: \"Rejected by build ${env.BUILD_NUMBER}\")",
                    task.token(),
                    Result.SUCCESS);

            DescribeExecutionResponse ended = callback.ended(task.executionArn());
            assertThat(ended.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(ended.error()).isEqualTo("Jenkins.Rejected");
            j.assertLogContains(
                    "Told the waiting task it failed with Jenkins.Rejected (task token from taskToken)", build);
        }
    }

    @Test
    void theTokenCanComeFromASecretTextCredential() throws Exception {
        try (CallbackStateMachine callback = new CallbackStateMachine(moto, sfn)) {
            CallbackStateMachine.WaitingTask task = callback.start("from-credential");
            SystemCredentialsProvider.getInstance()
                    .getCredentials()
                    .add(new StringCredentialsImpl(
                            CredentialsScope.GLOBAL,
                            "approval-token",
                            "the task token",
                            Secret.fromString(task.token())));

            WorkflowRun build = run(
                    "credential",
                    "sfnSendTaskHeartbeat(taskTokenCredentialsId: 'approval-token')\n"
                            + "sfnSendTaskSuccess(taskTokenCredentialsId: 'approval-token', output: '{\"approved\": true}')",
                    Result.SUCCESS);

            assertThat(callback.ended(task.executionArn()).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            j.assertLogContains(
                    "Told the waiting task it succeeded (task token from taskTokenCredentialsId 'approval-token')",
                    build);
            j.assertLogNotContains(task.token(), build);
        }
    }

    @Test
    void theTokenIsGivenExactlyOnceAndACredentialMustBeSecretText() throws Exception {
        WorkflowRun neither = run("neither", "sfnSendTaskHeartbeat()", Result.FAILURE);
        WorkflowRun both = run(
                "both",
                "sfnSendTaskHeartbeat(taskToken: 'abc', taskTokenCredentialsId: 'approval-token')",
                Result.FAILURE);
        WorkflowRun aws = run("aws", "sfnSendTaskHeartbeat(taskTokenCredentialsId: 'moto-keys')", Result.FAILURE);
        WorkflowRun missing = run("missing", "sfnSendTaskHeartbeat(taskTokenCredentialsId: 'nope')", Result.FAILURE);

        j.assertLogContains("sfnSendTaskHeartbeat: taskToken: or taskTokenCredentialsId is required", neither);
        j.assertLogContains("taskToken: cannot be combined with taskTokenCredentialsId", both);
        j.assertLogContains(
                "taskTokenCredentialsId: the credential 'moto-keys' is a AWS Credentials credential; expected a"
                        + " Secret text credential",
                aws);
        j.assertLogContains("taskTokenCredentialsId: no credential with id 'nope' is visible to this build", missing);
    }

    @Test
    void aTokenTheServiceQuotesBackIsMaskedInTheMessage() throws Exception {
        try (StubbedService stub = new StubbedService()) {
            WireMockServer service = stub.server();
            service.stubFor(WireMockStubs.operation("SendTaskSuccess")
                    .willReturn(WireMockStubs.serviceError(400, "TaskTimedOut", "Task Timed Out: '" + TOKEN + "'")));

            WorkflowRun build = PluginTestSupport.runWithTaskToken(
                    j, "timed-out", "sfnSendTaskSuccess(taskToken: params.TASK_TOKEN)", TOKEN, Result.FAILURE);

            j.assertLogContains("SendTaskSuccess on the task token failed", build);
            j.assertLogContains("no longer waits for this task token (TaskTimedOut)", build);
            j.assertLogNotContains(TOKEN, build);
            assertThat(PluginTestSupport.filesContaining(build, TOKEN)).isEmpty();
        }
    }

    @Test
    void aTokenGivenAsTextIsMaskedInTheStepsRecordedArguments() throws Exception {
        try (StubbedService stub = new StubbedService()) {
            WireMockServer service = stub.server();
            service.stubFor(WireMockStubs.operation("SendTaskHeartbeat")
                    .willReturn(WireMockStubs.jsonResponse(java.util.Map.of())));

            // Built at run time, so that the script kept with the build does not contain the whole token.
            WorkflowRun build = run(
                    "label",
                    "def token = '" + TOKEN.substring(0, 20) + "' + '" + TOKEN.substring(20) + "'\n"
                            + "sfnSendTaskHeartbeat(taskToken: token)",
                    Result.SUCCESS);

            List<FlowNode> heartbeats = new DepthFirstScanner()
                    .allNodes(build.getExecution()).stream()
                            .filter(node -> "sfnSendTaskHeartbeat".equals(node.getDisplayFunctionName()))
                            .toList();
            assertThat(heartbeats).singleElement().satisfies(node -> {
                assertThat(ArgumentsAction.getStepArgumentsAsString(node)).isNull();
                assertThat(node.getPersistentAction(ArgumentsAction.class).getArgumentValueOrReason("taskToken"))
                        .isEqualTo(ArgumentsAction.NotStoredReason.MASKED_VALUE);
            });
            assertThat(service.getAllServeEvents()).as("the heartbeat was sent").hasSize(1);
            j.assertLogNotContains(TOKEN, build);
            assertThat(PluginTestSupport.filesContaining(build, TOKEN)).isEmpty();

            // Also when another parameter is refused: the token is masked before anything else is checked.
            WorkflowRun refused = run(
                    "refused",
                    "def token = '" + TOKEN.substring(0, 20) + "' + '" + TOKEN.substring(20) + "'\n"
                            + "sfnSendTaskSuccess(taskToken: token, output: 'not json')",
                    Result.FAILURE);
            j.assertLogContains("sfnSendTaskSuccess: output: ", refused);
            assertThat(service.getAllServeEvents())
                    .as("nothing sent for the refused step")
                    .hasSize(1);
            assertThat(PluginTestSupport.filesContaining(refused, TOKEN)).isEmpty();
        }
    }

    @Test
    void aFailuresCauseReachesStepFunctions() throws Exception {
        // moto drops SendTaskFailure's cause; WireMock shows what the step sends.
        try (StubbedService stub = new StubbedService()) {
            WireMockServer service = stub.server();
            service.stubFor(WireMockStubs.operation("SendTaskFailure")
                    .willReturn(WireMockStubs.jsonResponse(java.util.Map.of())));

            PluginTestSupport.runWithTaskToken(
                    j,
                    "cause",
                    "sfnSendTaskFailure(taskToken: params.TASK_TOKEN, error: 'Jenkins.Rejected', cause: 'tests failed')",
                    TOKEN,
                    Result.SUCCESS);

            service.verify(postRequestedFor(urlEqualTo("/"))
                    .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.SendTaskFailure"))
                    .withRequestBody(matchingJsonPath("$.taskToken", equalTo(TOKEN)))
                    .withRequestBody(matchingJsonPath("$.error", equalTo("Jenkins.Rejected")))
                    .withRequestBody(matchingJsonPath("$.cause", equalTo("tests failed"))));
        }
    }
}
