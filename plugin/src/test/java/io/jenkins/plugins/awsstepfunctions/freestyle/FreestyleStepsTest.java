package io.jenkins.plugins.awsstepfunctions.freestyle;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.awsstepfunctions.action.StepFunctionsRunAction;
import io.jenkins.plugins.awsstepfunctions.config.StepFunctionsGlobalConfiguration;
import io.jenkins.plugins.awsstepfunctions.testing.Executions;
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import java.io.StringWriter;
import java.time.Duration;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jvnet.hudson.test.CaptureEnvironmentBuilder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The freestyle build steps against moto: what they do, export and write, and their configuration round trip. */
@WithJenkins
@ExtendWith(MotoExtension.class)
class FreestyleStepsTest {

    private JenkinsRule j;
    private SfnClient sfn;

    @BeforeEach
    void setUp(JenkinsRule j, MotoServer moto) throws Exception {
        this.j = j;
        this.sfn = moto.sfnClient();
        StepFunctionsGlobalConfiguration global = StepFunctionsGlobalConfiguration.get();
        global.setRegion(MotoServer.REGION);
        global.setEndpointUrl(moto.endpoint().toString());
        global.setPollInterval(1);
        com.cloudbees.plugins.credentials.SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl(
                        com.cloudbees.plugins.credentials.CredentialsScope.GLOBAL,
                        "moto-keys",
                        MotoServer.ACCESS_KEY_ID,
                        MotoServer.SECRET_ACCESS_KEY,
                        "moto",
                        null,
                        null,
                        null));
        global.setCredentialsId("moto-keys");
    }

    @Test
    void startWaitAndGetOutputExportTheirVariablesAndWriteTheFile() throws Exception {
        String arn = StateMachines.create(sfn, "pass");
        FreeStyleProject project = j.createFreeStyleProject("chain");
        StartExecutionBuilder start = new StartExecutionBuilder(arn);
        start.setName("build-${BUILD_NUMBER}");
        start.setInput("{\"build\": \"${BUILD_NUMBER}\"}");
        project.getBuildersList().add(start);
        project.getBuildersList().add(new WaitForExecutionBuilder("${SFN_EXECUTION_ARN}"));
        GetOutputBuilder output = new GetOutputBuilder("${SFN_EXECUTION_ARN}");
        output.setOutputFile("sfn-output.json");
        project.getBuildersList().add(output);
        CaptureEnvironmentBuilder captured = new CaptureEnvironmentBuilder();
        project.getBuildersList().add(captured);

        FreeStyleBuild build = j.buildAndAssertSuccess(project);

        assertThat(captured.getEnvVars().get("SFN_EXECUTION_ARN")).endsWith(":build-1");
        assertThat(captured.getEnvVars().get("SFN_EXECUTION_STATUS")).isEqualTo("SUCCEEDED");
        assertThat(captured.getEnvVars().get("SFN_OUTPUT"))
                .contains("\"greeting\":\"hello\"")
                .contains("\"build\":\"1\"");
        assertThat(build.getWorkspace().child("sfn-output.json").readToString()).contains("\"greeting\":\"hello\"");
    }

    @Test
    void theBuildStepsRunThroughStepOutsideNodeWithoutAWorkspace() throws Exception {
        String arn = StateMachines.create(sfn, "pass");
        String execution = arn.replace(":stateMachine:", ":execution:") + ":outside-node";
        WorkflowJob job = j.createProject(WorkflowJob.class, "no-node");
        job.setDefinition(new CpsFlowDefinition(
                "step([$class: 'StartExecutionBuilder', stateMachineArn: '" + arn + "', name: 'outside-node'])\n"
                        + "step([$class: 'WaitForExecutionBuilder', executionArn: '" + execution + "'])\n"
                        + "step([$class: 'GetOutputBuilder', executionArn: '" + execution + "'])\n",
                true));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        j.assertLogNotContains("AbstractMethodError", run);
        j.assertLogContains("outside-node", run);
        assertThat(sfn.describeExecution(r -> r.executionArn(execution)).statusAsString())
                .isEqualTo("SUCCEEDED");
    }

    @Test
    void waitAndOutputFormsOfferTheStartedExecutionAsTheirDefault() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject("defaults");
        // Steps without an execution ARN show the field's default (the "Add build step" prototypes load on demand).
        project.getBuildersList().add(new WaitForExecutionBuilder(null));
        project.getBuildersList().add(new GetOutputBuilder(null));

        String page = j.createWebClient()
                .getPage(project, "configure")
                .getWebResponse()
                .getContentAsString();

        // The text itself, not Jelly's evaluation of ${SFN_EXECUTION_ARN} (nothing): once for each step.
        assertThat(page.split(java.util.regex.Pattern.quote("value=\"${SFN_EXECUTION_ARN}\""), -1))
                .hasSize(3);
    }

    @Test
    void anUnnamedStartIsNamedAfterTheBuildAndTheLogLinksToTheConsoleOnce() throws Exception {
        String arn = StateMachines.create(sfn, "pass");
        FreeStyleProject project = j.createFreeStyleProject("unnamed");
        StartExecutionBuilder first = new StartExecutionBuilder(arn);
        first.setWait(true);
        project.getBuildersList().add(first);
        project.getBuildersList().add(new StartExecutionBuilder(arn));
        CaptureEnvironmentBuilder captured = new CaptureEnvironmentBuilder();
        project.getBuildersList().add(captured);

        FreeStyleBuild build = j.buildAndAssertSuccess(project);

        assertThat(captured.getEnvVars().get("SFN_EXECUTION_ARN")).matches(".*:execution:[^:]+:unnamed-1-[0-9a-f]{12}");
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(arn)).executions())
                .as("two starts, two names")
                .extracting(e -> e.name())
                .hasSize(2)
                .doesNotHaveDuplicates();
        String log = JenkinsRule.getLog(build);
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
    void failedExecutionFailsTheBuildWithTheReport() throws Exception {
        String arn = StateMachines.create(sfn, "fail");
        FreeStyleProject project = j.createFreeStyleProject("fails");
        StartExecutionBuilder start = new StartExecutionBuilder(arn);
        start.setName("f-${BUILD_NUMBER}");
        start.setWait(true);
        project.getBuildersList().add(start);

        FreeStyleBuild build = j.assertBuildStatus(Result.FAILURE, project.scheduleBuild2(0));

        j.assertLogContains(
                "FAILED in state 'Explode' (Fail): Deployment.Rejected: The canary reported 42 errors", build);
    }

    @Test
    void failedExecutionCanMarkTheBuildUnstable() throws Exception {
        String arn = StateMachines.create(sfn, "fail");
        FreeStyleProject project = j.createFreeStyleProject("unstable");
        StartExecutionBuilder start = new StartExecutionBuilder(arn);
        start.setName("u-${BUILD_NUMBER}");
        start.setWait(true);
        start.setUnstableOnFailure(true);
        project.getBuildersList().add(start);

        j.assertBuildStatus(Result.UNSTABLE, project.scheduleBuild2(0));
    }

    @Test
    void configurationRoundTripsForEachBuildStep() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject("roundtrip");
        StartExecutionBuilder start = new StartExecutionBuilder("arn:aws:states:us-east-1:123456789012:stateMachine:x");
        start.setInput("{\"a\": 1}");
        start.setWait(true);
        start.setTimeout(600);
        start.setRegion("eu-west-1");
        start.setClientConfig("{\"read_timeout\": 30}");
        WaitForExecutionBuilder wait = new WaitForExecutionBuilder("${SFN_EXECUTION_ARN}");
        wait.setStopOnAbort(true);
        GetOutputBuilder output = new GetOutputBuilder("${SFN_EXECUTION_ARN}");
        output.setOutputFile("out.json");
        StopExecutionBuilder stop = new StopExecutionBuilder("${SFN_EXECUTION_ARN}");
        stop.setError("Jenkins.Superseded");
        stop.setCause("superseded by ${BUILD_NUMBER}");
        stop.setFailIfEnded(true);
        ValidateDefinitionBuilder validate = new ValidateDefinitionBuilder();
        validate.setDefinitionFile("state-machines/${STAGE}.asl.json");
        validate.setType("EXPRESS");
        validate.setWarnings("FAIL");
        project.getBuildersList().add(start);
        project.getBuildersList().add(wait);
        project.getBuildersList().add(output);
        project.getBuildersList().add(stop);
        project.getBuildersList().add(validate);

        j.configRoundtrip(project);

        j.assertEqualDataBoundBeans(start, project.getBuildersList().get(StartExecutionBuilder.class));
        j.assertEqualDataBoundBeans(wait, project.getBuildersList().get(WaitForExecutionBuilder.class));
        j.assertEqualDataBoundBeans(output, project.getBuildersList().get(GetOutputBuilder.class));
        j.assertEqualDataBoundBeans(stop, project.getBuildersList().get(StopExecutionBuilder.class));
        j.assertEqualDataBoundBeans(validate, project.getBuildersList().get(ValidateDefinitionBuilder.class));
    }

    @Test
    void theStopStepStopsTheStartedExecutionAndFailsOnAnEndedOneOnlyWhenAsked() throws Exception {
        String arn = StateMachines.create(sfn, "wait-then-succeed");
        FreeStyleProject project = j.createFreeStyleProject("stop");
        StartExecutionBuilder start = new StartExecutionBuilder(arn);
        start.setName("stop-${BUILD_NUMBER}");
        start.setInput("{\"seconds\": 600}");
        project.getBuildersList().add(start);
        project.getBuildersList().add(new StopExecutionBuilder("${SFN_EXECUTION_ARN}"));
        String execution = arn.replace(":stateMachine:", ":execution:") + ":stop-1";

        FreeStyleBuild build = j.buildAndAssertSuccess(project);

        j.assertLogContains("[AWS Step Functions] Stopped " + execution + " (it was RUNNING)", build);
        assertThat(build.getAction(StepFunctionsRunAction.class).getExecutions())
                .singleElement()
                .extracting(e -> e.getStatus())
                .isEqualTo("ABORTED");
        // Reads are eventually consistent: the stop shows a moment later.
        assertThat(Executions.awaitEnd(sfn, execution, Duration.ofSeconds(30)).statusAsString())
                .isEqualTo("ABORTED");

        FreeStyleProject lenient = j.createFreeStyleProject("stop-again");
        lenient.getBuildersList().add(new StopExecutionBuilder(execution));
        FreeStyleProject strict = j.createFreeStyleProject("stop-strict");
        StopExecutionBuilder again = new StopExecutionBuilder(execution);
        again.setFailIfEnded(true);
        strict.getBuildersList().add(again);

        FreeStyleBuild ended = j.buildAndAssertSuccess(lenient);
        FreeStyleBuild failed = j.assertBuildStatus(Result.FAILURE, strict.scheduleBuild2(0));

        j.assertLogContains(execution + " had already ended (ABORTED); nothing to stop", ended);
        j.assertLogContains(
                "had already ended (ABORTED); nothing to stop (Fail the build if the execution already ended)", failed);
    }

    @Test
    void outputLargerThanTheLimitGoesToTheFileOnly() throws Exception {
        String arn = StateMachines.create(sfn, "echo-value");
        FreeStyleProject project = j.createFreeStyleProject("large");
        StartExecutionBuilder start = new StartExecutionBuilder(arn);
        start.setName("large-${BUILD_NUMBER}");
        start.setInput("{\"value\": {\"text\": \"" + "x".repeat(GetOutputBuilder.MAX_EXPORTED_BYTES) + "\"}}");
        start.setWait(true);
        project.getBuildersList().add(start);
        GetOutputBuilder output = new GetOutputBuilder("${SFN_EXECUTION_ARN}");
        output.setOutputFile("large.json");
        project.getBuildersList().add(output);
        CaptureEnvironmentBuilder captured = new CaptureEnvironmentBuilder();
        project.getBuildersList().add(captured);

        FreeStyleBuild build = j.buildAndAssertSuccess(project);

        assertThat(captured.getEnvVars()).doesNotContainKey("SFN_OUTPUT");
        assertThat(build.getWorkspace().child("large.json").length())
                .isGreaterThan(GetOutputBuilder.MAX_EXPORTED_BYTES);
        j.assertLogContains("it is in the output file only, not in SFN_OUTPUT", build);
    }
}
