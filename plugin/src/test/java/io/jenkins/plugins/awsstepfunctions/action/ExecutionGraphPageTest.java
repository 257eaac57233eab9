package io.jenkins.plugins.awsstepfunctions.action;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.awsstepfunctions.config.StepFunctionsGlobalConfiguration;
import io.jenkins.plugins.awsstepfunctions.freestyle.StartExecutionBuilder;
import io.jenkins.plugins.awsstepfunctions.steps.PluginTestSupport;
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import java.io.IOException;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The build page draws each execution's state machine, coloured by what its states did, and keeps it. */
@WithJenkins
@ExtendWith(MotoExtension.class)
class ExecutionGraphPageTest {

    private JenkinsRule j;
    private SfnClient sfn;

    @BeforeEach
    void setUp(JenkinsRule j, MotoServer moto) throws Exception {
        this.j = j;
        this.sfn = moto.sfnClient();
        PluginTestSupport.useMoto(moto);
    }

    @Test
    void aFailedParallelShowsWhereItFailedAndTheDiagramSurvivesAReload() throws Exception {
        String arn = StateMachines.create(sfn, "parallel-fail");
        WorkflowJob job = j.createProject(WorkflowJob.class, "failing");
        job.setDefinition(new CpsFlowDefinition(
                "sfnStartExecution(stateMachineArn: '" + arn + "', name: 'graph-1', wait: true)", true));

        WorkflowRun build = j.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        String page = page(build);
        assertThat(page).contains("<svg").contains("aria-label=\"State machine diagram\"");
        ExecutionRecord record =
                build.getAction(StepFunctionsRunAction.class).getExecutions().get(0);
        assertThat(record.getStates())
                .extracting(StateRow::getName, StateRow::getStatus)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("Prepare", "SUCCEEDED"),
                        org.assertj.core.groups.Tuple.tuple("Deploy", "FAILED"),
                        org.assertj.core.groups.Tuple.tuple("Canary", "FAILED"));
        // The table's row (Jelly escapes < and & only) and the box's tooltip (the SVG escapes > too).
        assertThat(page)
                .contains("failed: Canary.Failed (error rate 7% > 1%)")
                .contains("Canary (Fail): failed: Canary.Failed (error rate 7% &gt; 1%)");
        assertThat(page).contains("id=\"" + record.getGraphIdPrefix() + "state-");
        assertThat(page).as("state data is not kept unless configured").doesNotContain("<details");
        assertThat(record.getStates()).allSatisfy(s -> assertThat(s.getInput()).isNull());

        build.reload();

        ExecutionRecord reloaded =
                build.getAction(StepFunctionsRunAction.class).getExecutions().get(0);
        assertThat(reloaded.getGraphSvg()).isEqualTo(record.getGraphSvg());
        assertThat(reloaded.getStates())
                .extracting(StateRow::getSummary)
                .containsExactlyElementsOf(
                        record.getStates().stream().map(StateRow::getSummary).toList());
    }

    @Test
    void aFailStateInAMapInAParallelIsShownFailedAtEveryLevel() throws Exception {
        String arn = StateMachines.create(sfn, "parallel-map-fail");
        WorkflowJob job = j.createProject(WorkflowJob.class, "nested");
        job.setDefinition(new CpsFlowDefinition(
                "sfnStartExecution(stateMachineArn: '" + arn + "', input: [regions: ['eu-west-1', 'mars-north-1']],"
                        + " wait: true)",
                true));

        WorkflowRun build = j.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        ExecutionRecord record =
                build.getAction(StepFunctionsRunAction.class).getExecutions().get(0);
        assertThat(record.getStates())
                .extracting(StateRow::getName, StateRow::getStatus)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("Release", "FAILED"),
                        org.assertj.core.groups.Tuple.tuple("Regions", "FAILED"),
                        org.assertj.core.groups.Tuple.tuple("UnknownRegion", "FAILED"));
        assertThat(page(build)).contains("failed: Deploy.UnknownRegion (no such region)");
    }

    @Test
    void aRunningExecutionIsDrawnWhileItRuns() throws Exception {
        String arn = StateMachines.create(sfn, "wait-then-succeed");
        WorkflowJob job = j.createProject(WorkflowJob.class, "running");
        job.setDefinition(new CpsFlowDefinition(
                "sfnStartExecution(stateMachineArn: '" + arn + "', input: [seconds: 8], wait: true)", true));

        WorkflowRun build = job.scheduleBuild2(0).waitForStart();

        ExecutionRecord running = null;
        for (int i = 0; i < 600 && running == null; i++) {
            StepFunctionsRunAction action = build.getAction(StepFunctionsRunAction.class);
            if (action != null
                    && !action.getExecutions().isEmpty()
                    && action.getExecutions().get(0).getStates().stream()
                            .anyMatch(s -> s.getStatus().equals("RUNNING"))) {
                running = action.getExecutions().get(0);
            } else {
                Thread.sleep(50);
            }
        }
        assertThat(running)
                .as("a diagram with a running state while the Wait state waits")
                .isNotNull();
        assertThat(page(build)).contains("Wait (Wait): running");
        j.assertBuildStatusSuccess(j.waitForCompletion(build));
        assertThat(build.getAction(StepFunctionsRunAction.class)
                        .getExecutions()
                        .get(0)
                        .getStates())
                .allSatisfy(s -> assertThat(s.getStatus()).isEqualTo("SUCCEEDED"));
    }

    @Test
    void aFreestyleBuildShowsTheSameDiagram() throws Exception {
        String arn = StateMachines.create(sfn, "pass");
        FreeStyleProject project = j.createFreeStyleProject("freestyle-graph");
        StartExecutionBuilder start = new StartExecutionBuilder(arn);
        start.setWait(true);
        project.getBuildersList().add(start);

        FreeStyleBuild build = j.buildAndAssertSuccess(project);

        ExecutionRecord record =
                build.getAction(StepFunctionsRunAction.class).getExecutions().get(0);
        assertThat(record.getGraphSvg()).startsWith("<svg");
        assertThat(record.getStates())
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.getStatus()).isEqualTo("SUCCEEDED"));
        assertThat(page(build)).contains("<svg");
    }

    @Test
    void stateInputAndOutputAreKeptOnlyWhenTheGlobalConfigurationSaysSo() throws Exception {
        StepFunctionsGlobalConfiguration.get().setKeepStateData(true);
        String arn = StateMachines.create(sfn, "pass");
        WorkflowJob job = j.createProject(WorkflowJob.class, "with-data");
        job.setDefinition(new CpsFlowDefinition(
                "sfnStartExecution(stateMachineArn: '" + arn + "', input: [build: 1], wait: true)", true));

        WorkflowRun build = j.buildAndAssertSuccess(job);

        StateRow greet = build.getAction(StepFunctionsRunAction.class)
                .getExecutions()
                .get(0)
                .getStates()
                .get(0);
        assertThat(greet.getInput()).contains("\"build\":1");
        assertThat(greet.getOutput()).contains("\"greeting\":\"hello\"");
        assertThat(page(build)).contains("<summary>Input</summary>").contains("<summary>Output</summary>");
    }

    private String page(hudson.model.Run<?, ?> build) throws IOException, org.xml.sax.SAXException {
        try (JenkinsRule.WebClient web = j.createWebClient()) {
            HtmlPage page = web.getPage(build, "aws-step-functions/");
            return page.getWebResponse().getContentAsString();
        }
    }
}
