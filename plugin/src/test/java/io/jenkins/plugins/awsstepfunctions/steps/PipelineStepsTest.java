package io.jenkins.plugins.awsstepfunctions.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.hudson.plugins.folder.properties.FolderCredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import hudson.model.Result;
import io.jenkins.plugins.awsstepfunctions.action.StepFunctionsRunAction;
import io.jenkins.plugins.awsstepfunctions.config.StepFunctionsGlobalConfiguration;
import io.jenkins.plugins.awsstepfunctions.json.Json;
import io.jenkins.plugins.awsstepfunctions.testing.Executions;
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
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

/** The documented example Pipelines run against moto, through the real steps. */
@WithJenkins
@ExtendWith(MotoExtension.class)
class PipelineStepsTest {

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
    void scriptedPipelineStartsWaitsAndReadsTheOutput() throws Exception {
        String arn = StateMachines.create(sfn, "pass");

        WorkflowRun build = run("scripted", PluginTestSupport.example("scripted", arn), Result.SUCCESS);

        j.assertLogContains("greeting=hello", build);
        j.assertLogContains("release=1", build);
        j.assertLogContains("[AWS Step Functions] Started arn:aws:states:us-east-1:", build);
        StepFunctionsRunAction action = build.getAction(StepFunctionsRunAction.class);
        assertThat(action.getExecutions()).hasSize(1);
        assertThat(action.getExecutions().get(0).getStatus()).isEqualTo("SUCCEEDED");
    }

    @Test
    void unnamedStartsAreNamedAfterTheBuildAndTheStepAndTheLogLinksToTheConsoleOnce() throws Exception {
        String arn = StateMachines.create(sfn, "pass");

        WorkflowRun build = run(
                "unnamed",
                "def a = sfnStartExecution(stateMachineArn: '" + arn + "', wait: true)\n"
                        + "def b = sfnStartExecution(stateMachineArn: '" + arn + "')\necho \"A=${a} B=${b}\"",
                Result.SUCCESS);

        String log = JenkinsRule.getLog(build);
        assertThat(log)
                .containsPattern("A=arn:aws:states:us-east-1:\\d{12}:execution:[^:]+:unnamed-1-[0-9a-f]{12} ")
                .containsPattern("B=arn:aws:states:us-east-1:\\d{12}:execution:[^:]+:unnamed-1-[0-9a-f]{12}");
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(arn)).executions())
                .as("two starts, two names")
                .extracting(e -> e.name())
                .hasSize(2)
                .doesNotHaveDuplicates();
        assertThat(log)
                .contains("(open in the AWS console)")
                .containsPattern("SUCCEEDED after \\d+\\.\\d s")
                .doesNotContain("console.aws.amazon.com");
        StringWriter html = new StringWriter();
        build.getLogText().writeHtmlTo(0, html);
        assertThat(html.toString())
                .contains("href='https://us-east-1.console.aws.amazon.com/states/home"
                        + "?region=us-east-1#/v2/executions/details/arn:aws:states:us-east-1:");
    }

    @Test
    void aProxyLoginComesFromAUsernamePasswordCredentialAndNeverFromTheProxyUrl() throws Exception {
        String arn = StateMachines.create(sfn, "pass");
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new UsernamePasswordCredentialsImpl(
                        CredentialsScope.GLOBAL, "proxy-login", "the proxy's login", "builder", "pr0xy#Pa55w0rd"));
        WireMockServer proxy = new WireMockServer(WireMockConfiguration.options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .enableBrowserProxying(true));
        proxy.start();
        try {
            proxy.stubFor(WireMock.any(WireMock.anyUrl())
                    .atPriority(1)
                    .withHeader("Proxy-Authorization", WireMock.absent())
                    .willReturn(WireMock.aResponse()
                            .withStatus(407)
                            .withHeader("Proxy-Authenticate", "Basic realm=\"proxy\"")));

            WorkflowRun build = run(
                    "proxied",
                    "sfnStartExecution(stateMachineArn: '" + arn + "', wait: true,"
                            + " proxyCredentialsId: 'proxy-login', clientConfig: [proxies: [http: '" + proxy.baseUrl()
                            + "']])",
                    Result.SUCCESS);
            WorkflowRun refused = run(
                    "login-in-url",
                    "sfnStartExecution(stateMachineArn: '" + arn + "',"
                            + " clientConfig: [proxies: [http: 'http://builder:pr0xy%23Pa55w0rd@127.0.0.1:"
                            + proxy.port() + "']])",
                    Result.FAILURE);

            assertThat(proxy.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/"))
                            .withHeader(
                                    "Proxy-Authorization",
                                    WireMock.equalTo("Basic "
                                            + java.util.Base64.getEncoder()
                                                    .encodeToString("builder:pr0xy#Pa55w0rd"
                                                            .getBytes(StandardCharsets.UTF_8))))))
                    .as("requests that carried the proxy's login")
                    .isNotEmpty();
            j.assertLogContains("SUCCEEDED after", build);
            j.assertLogContains("clientConfig.proxies.http: must not contain a user name or password", refused);
            assertThat(JenkinsRule.getLog(build) + JenkinsRule.getLog(refused)).doesNotContain("Pa55w0rd");
        } finally {
            proxy.stop();
        }
    }

    @Test
    void readmeExampleReleasesAndEchoesTheOutput() throws Exception {
        String arn = StateMachines.create(sfn, "identity");

        WorkflowRun build = run("readme", PluginTestSupport.example("readme", arn), Result.SUCCESS);

        j.assertLogContains("Released 1", build);
    }

    @Test
    void gettingStartedExampleRuns() throws Exception {
        String arn = StateMachines.create(sfn, "identity");

        WorkflowRun build = run("getting-started", PluginTestSupport.example("getting-started", arn), Result.SUCCESS);

        j.assertLogContains("Output: [who:Jenkins]", build);
    }

    @Test
    void startFormsExampleStartsWithTheArnAloneAndWithNamedParameters() throws Exception {
        String arn = StateMachines.create(sfn, "pass");

        WorkflowRun build = run("start-forms", PluginTestSupport.example("start-forms", arn), Result.SUCCESS);

        j.assertLogContains("started arn:aws:states:us-east-1:", build);
        assertThat(build.getAction(StepFunctionsRunAction.class).getExecutions())
                .hasSize(2);
    }

    @Test
    void declarativePipelineStartsWithWaitAndReadsTheOutput() throws Exception {
        String arn = StateMachines.create(sfn, "pass");

        WorkflowRun build = run("declarative", PluginTestSupport.example("declarative", arn), Result.SUCCESS);

        j.assertLogContains("greeting=hello", build);
    }

    @Test
    void failedExecutionFailsTheBuildWithStateErrorAndCause() throws Exception {
        String arn = StateMachines.create(sfn, "fail");

        WorkflowRun build = run("failure", PluginTestSupport.example("failure", arn), Result.FAILURE);

        j.assertLogContains(
                "FAILED in state 'Explode' (Fail): Deployment.Rejected: The canary reported 42 errors", build);
    }

    @Test
    void failOnErrorFalseReturnsNullAndLogsWhy() throws Exception {
        String arn = StateMachines.create(sfn, "fail");

        WorkflowRun build = run("fail-soft", PluginTestSupport.example("fail-soft", arn), Result.SUCCESS);

        j.assertLogContains("(failOnError: false, so the step returns null)", build);
        j.assertLogContains("output is null", build);
    }

    @Test
    void stopScriptedExampleStopsTheExecutionOnceAndThenSaysItHadEnded() throws Exception {
        String arn = StateMachines.create(sfn, "wait-then-succeed");
        String execution = arn.replace(":stateMachine:", ":execution:") + ":superseded-1";

        WorkflowRun build = run("stop-scripted", PluginTestSupport.example("stop-scripted", arn), Result.SUCCESS);

        j.assertLogContains("stopped=true status=RUNNING", build);
        j.assertLogContains("[AWS Step Functions] Stopped " + execution + " (it was RUNNING)", build);
        j.assertLogContains("stopped=false status=ABORTED", build);
        j.assertLogContains(execution + " had already ended (ABORTED); nothing to stop", build);
        assertThat(sfn.describeExecution(b -> b.executionArn(execution)).status())
                .isEqualTo(ExecutionStatus.ABORTED);
        assertThat(build.getAction(StepFunctionsRunAction.class).getExecutions())
                .singleElement()
                .extracting(e -> e.getStatus())
                .as("the build page")
                .isEqualTo("ABORTED");
    }

    @Test
    void stopDeclarativeExampleStopsTheCanaryWhenTheBuildEnds() throws Exception {
        String arn = StateMachines.create(sfn, "wait-then-succeed");
        String execution = arn.replace(":stateMachine:", ":execution:") + ":canary-1";

        WorkflowRun build = run("stop-declarative", PluginTestSupport.example("stop-declarative", arn), Result.SUCCESS);

        j.assertLogContains("Testing while " + execution + " runs", build);
        j.assertLogContains("[AWS Step Functions] Stopped " + execution + " (it was RUNNING)", build);
        // Reads are eventually consistent: the stop shows a moment later.
        assertThat(Executions.awaitEnd(sfn, execution, Duration.ofSeconds(30)).status())
                .isEqualTo(ExecutionStatus.ABORTED);
    }

    @Test
    void taskTokenScriptedExampleAnswersTheWaitingTaskAndTheBuildKeepsNoToken() throws Exception {
        taskTokenExampleAnswersTheWaitingTaskAndTheBuildKeepsNoToken(
                "task-token-scripted", PluginTestSupport.example("task-token-scripted"));
    }

    @Test
    void taskTokenDeclarativeExampleAnswersTheWaitingTaskAndTheBuildKeepsNoToken() throws Exception {
        taskTokenExampleAnswersTheWaitingTaskAndTheBuildKeepsNoToken(
                "task-token-declarative", PluginTestSupport.example("task-token-declarative"));
    }

    /**
     * The token arrives as a Password parameter (a Secret): the steps use it, log where it came from, and the build's
     * record (log, build.xml, the flow nodes with their step arguments) holds it nowhere in clear.
     */
    private void taskTokenExampleAnswersTheWaitingTaskAndTheBuildKeepsNoToken(String name, String script)
            throws Exception {
        try (CallbackStateMachine callback = new CallbackStateMachine(moto, sfn)) {
            CallbackStateMachine.WaitingTask task = callback.start(name);

            WorkflowRun build = PluginTestSupport.runWithTaskToken(j, name, script, task.token(), Result.SUCCESS);

            DescribeExecutionResponse ended = callback.ended(task.executionArn());
            assertThat(ended.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(Json.parse("the output", ended.output())).isEqualTo(Map.of("build", "1", "deployed", true));
            j.assertLogContains(
                    "[AWS Step Functions] Sent a heartbeat to the waiting task (task token from taskToken)", build);
            j.assertLogContains(
                    "[AWS Step Functions] Told the waiting task it succeeded (task token from taskToken)", build);
            assertThat(PluginTestSupport.filesContaining(build, task.token()))
                    .as("files of the build's record that hold the token")
                    .isEmpty();
        }
    }

    @Test
    void validateScriptedExampleLogsEveryDiagnosticAndAWarningMakesTheBuildUnstable() throws Exception {
        WireMockServer service = validationService(Map.of(
                "result",
                "OK",
                "diagnostics",
                List.of(Map.of(
                        "severity", "WARNING",
                        "code", "STATE_UNREACHABLE",
                        "message", "State Orphan is not reachable",
                        "location", "/States/Orphan")),
                "truncated",
                false));
        try {
            String definition = StateMachines.definition("pass");
            WorkflowJob job = j.createProject(WorkflowJob.class, "validate-scripted");
            j.jenkins
                    .getWorkspaceFor(job)
                    .child("state-machines/release.asl.json")
                    .write(definition, "UTF-8");
            job.setDefinition(new CpsFlowDefinition(PluginTestSupport.example("validate-scripted"), true));

            WorkflowRun build = j.assertBuildStatus(Result.UNSTABLE, job.scheduleBuild2(0));

            j.assertLogContains(
                    "[AWS Step Functions] Validated state-machines/release.asl.json as a STANDARD state machine: The"
                            + " definition is valid: 0 errors, 1 warnings",
                    build);
            j.assertLogContains(
                    "[AWS Step Functions] WARNING STATE_UNREACHABLE at /States/Orphan: State Orphan is not reachable",
                    build);
            j.assertLogContains("(warnings: UNSTABLE); the build is UNSTABLE", build);
            j.assertLogContains(
                    "[AWS Step Functions] Validated the definition as a STANDARD state machine: The definition is"
                            + " valid",
                    build);
            List<FlowNode> warned = new DepthFirstScanner()
                    .allNodes(build.getExecution()).stream()
                            .filter(node -> node.getPersistentAction(WarningAction.class) != null)
                            .toList();
            assertThat(warned)
                    .singleElement()
                    .extracting(FlowNode::getDisplayFunctionName)
                    .isEqualTo("sfnValidateDefinition");
            service.verify(
                    2,
                    WireMock.postRequestedFor(WireMock.urlEqualTo("/"))
                            .withRequestBody(WireMock.matchingJsonPath("$.definition", WireMock.equalTo(definition)))
                            .withRequestBody(WireMock.matchingJsonPath("$.type", WireMock.equalTo("STANDARD"))));
        } finally {
            service.stop();
        }
    }

    @Test
    void validateDeclarativeExampleDeploysAValidDefinition() throws Exception {
        WireMockServer service =
                validationService(Map.of("result", "OK", "diagnostics", List.of(), "truncated", false));
        try {
            WorkflowJob job = j.createProject(WorkflowJob.class, "validate-declarative");
            j.jenkins
                    .getWorkspaceFor(job)
                    .child("state-machines/release.asl.json")
                    .write(StateMachines.definition("pass"), "UTF-8");
            job.setDefinition(new CpsFlowDefinition(PluginTestSupport.example("validate-declarative"), true));

            WorkflowRun build = j.assertBuildStatus(Result.SUCCESS, job.scheduleBuild2(0));

            j.assertLogContains(
                    "Validated state-machines/release.asl.json as a STANDARD state machine: The definition is valid:"
                            + " 0 errors, 0 warnings",
                    build);
            j.assertLogContains("The definition is valid: deploying", build);
        } finally {
            service.stop();
        }
    }

    /** ValidateStateMachineDefinition, which moto lacks, answered as the API reference shapes it; the endpoint. */
    private static WireMockServer validationService(Map<String, ?> answer) {
        WireMockServer service =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        service.start();
        service.stubFor(WireMockStubs.operation("ValidateStateMachineDefinition")
                .willReturn(WireMockStubs.jsonResponse(answer)));
        StepFunctionsGlobalConfiguration.get().setEndpointUrl(service.baseUrl());
        return service;
    }

    @Test
    void progressOfTheExecutionAppearsInTheLog() throws Exception {
        String arn = StateMachines.create(sfn, "map");

        WorkflowRun build = run(
                "progress",
                "sfnStartExecution(stateMachineArn: '" + arn + "', name: 'p1',"
                        + " input: [items: [1, 2, 3]], wait: true)",
                Result.SUCCESS);

        j.assertLogContains("[AWS Step Functions] entered Map state 'Double'", build);
        j.assertLogContains("Map state 'Double': 3 of 3 iterations started", build);
    }

    @Test
    void credentialsAreResolvedFromTheJobsFolder() throws Exception {
        Folder folder = j.jenkins.createProject(Folder.class, "team");
        CredentialsStore store = null;
        for (CredentialsStore candidate : CredentialsProvider.lookupStores(folder)) {
            if (candidate.getProvider() instanceof FolderCredentialsProvider && candidate.getContext() == folder) {
                store = candidate;
            }
        }
        assertThat(store).as("the folder's credentials store").isNotNull();
        store.addCredentials(Domain.global(), PluginTestSupport.awsCredential("team-keys"));
        String arn = StateMachines.create(sfn, "pass");
        WorkflowJob job = folder.createProject(WorkflowJob.class, "in-folder");
        job.setDefinition(new CpsFlowDefinition(
                "echo sfnStartExecution(stateMachineArn: '" + arn + "', name: 'f1',"
                        + " credentialsId: 'team-keys', wait: true)",
                true));

        WorkflowRun build = j.assertBuildStatusSuccess(job.scheduleBuild2(0));

        j.assertLogContains(":execution:", build);
    }

    @Test
    void missingOrWrongCredentialsAreNamed() throws Exception {
        String arn = StateMachines.create(sfn, "pass");
        com.cloudbees.plugins.credentials.SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new StringCredentialsImpl(
                        com.cloudbees.plugins.credentials.CredentialsScope.GLOBAL,
                        "a-secret-text",
                        "not AWS",
                        hudson.util.Secret.fromString("s3cr3t-value")));

        WorkflowRun missing = run(
                "missing", "sfnStartExecution(stateMachineArn: '" + arn + "', credentialsId: 'nope')", Result.FAILURE);
        WorkflowRun wrong = run(
                "wrong",
                "sfnStartExecution(stateMachineArn: '" + arn + "', credentialsId: 'a-secret-text')",
                Result.FAILURE);

        j.assertLogContains("credentialsId: no credential with id 'nope' is visible to this build", missing);
        j.assertLogContains(
                "credentialsId: the credential 'a-secret-text' is a Secret text credential; expected an"
                        + " 'AWS Credentials' credential",
                wrong);
        j.assertLogNotContains("s3cr3t-value", wrong);
    }

    @Test
    void badParametersFailBeforeAnyCall() throws Exception {
        WorkflowRun build =
                run("bad", "sfnStartExecution(stateMachineArn: 'orders', name: 'has space')", Result.FAILURE);

        j.assertLogContains("sfnStartExecution: stateMachineArn: 'orders' is not a state machine ARN", build);
    }
}
