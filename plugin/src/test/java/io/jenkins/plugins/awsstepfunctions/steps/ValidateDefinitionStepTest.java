package io.jenkins.plugins.awsstepfunctions.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import hudson.model.Result;
import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * sfnValidateDefinition against ValidateStateMachineDefinition answers shaped as the API reference documents them
 * (moto does not implement the operation): what fails the step, what marks the build, and where the text comes from.
 */
@WithJenkins
class ValidateDefinitionStepTest {

    private static final Map<String, String> ERROR = Map.of(
            "severity", "ERROR",
            "code", "SCHEMA_VALIDATION_FAILED",
            "message", "The field \"Next\" should be non-empty",
            "location", "/States/Wait/Next");
    private static final Map<String, String> WARNING = Map.of(
            "severity", "WARNING",
            "code", "STATE_UNREACHABLE",
            "message", "State Orphan is not reachable",
            "location", "/States/Orphan");

    private JenkinsRule j;
    private WireMockServer service;

    @BeforeEach
    void setUp(JenkinsRule j) throws Exception {
        this.j = j;
        service =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        service.start();
        PluginTestSupport.useMotoThrough(service.baseUrl());
    }

    @AfterEach
    void tearDown() {
        service.stop();
    }

    private void answer(String result, List<Map<String, String>> diagnostics) {
        service.stubFor(WireMockStubs.operation("ValidateStateMachineDefinition")
                .willReturn(WireMockStubs.jsonResponse(
                        Map.of("result", result, "diagnostics", diagnostics, "truncated", false))));
    }

    private WorkflowRun run(String name, String script, Result expected) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return j.assertBuildStatus(expected, job.scheduleBuild2(0));
    }

    private static String inline(String warnings) {
        return "def d = sfnValidateDefinition(definition: '''" + StateMachines.definition("pass") + "''', warnings: '"
                + warnings + "')\necho \"returned ${d.size()} diagnostics\"";
    }

    @Test
    void anErrorFailsTheStepWithEveryDiagnosticLogged() throws Exception {
        answer("FAIL", List.of(ERROR, WARNING));

        WorkflowRun build = run("errors", inline("IGNORE"), Result.FAILURE);

        j.assertLogContains("[AWS Step Functions] ERROR SCHEMA_VALIDATION_FAILED at /States/Wait/Next:", build);
        j.assertLogContains("[AWS Step Functions] WARNING STATE_UNREACHABLE at /States/Orphan:", build);
        j.assertLogContains(
                "sfnValidateDefinition: The definition is not valid: 1 errors, 1 warnings: ERROR"
                        + " SCHEMA_VALIDATION_FAILED at /States/Wait/Next",
                build);
        j.assertLogNotContains("returned", build);
    }

    @Test
    void warningsFailMarkUnstableOrAreIgnoredAsAsked() throws Exception {
        answer("OK", List.of(WARNING));

        WorkflowRun failed = run("fail", inline("fail"), Result.FAILURE);
        WorkflowRun unstable = run("unstable", inline("UNSTABLE"), Result.UNSTABLE);
        WorkflowRun ignored = run("ignore", inline("IGNORE"), Result.SUCCESS);
        WorkflowRun bad = run("bad", inline("SOMETIMES"), Result.FAILURE);

        j.assertLogContains("1 warnings: WARNING STATE_UNREACHABLE at /States/Orphan", failed);
        j.assertLogContains("(warnings: FAIL)", failed);
        j.assertLogContains("(warnings: UNSTABLE); the build is UNSTABLE", unstable);
        j.assertLogContains("returned 1 diagnostics", unstable);
        j.assertLogContains("returned 1 diagnostics", ignored);
        j.assertLogContains("sfnValidateDefinition: warnings: must be FAIL, UNSTABLE or IGNORE", bad);
    }

    @Test
    void theDefinitionIsGivenExactlyOnce() throws Exception {
        WorkflowRun neither = run("neither", "sfnValidateDefinition()", Result.FAILURE);
        WorkflowRun both =
                run("both", "sfnValidateDefinition(definition: '{}', definitionFile: 'sm.asl.json')", Result.FAILURE);

        j.assertLogContains("sfnValidateDefinition: definition: or definitionFile is required", neither);
        j.assertLogContains("sfnValidateDefinition: definitionFile: cannot be combined with definition", both);
        assertThat(service.getAllServeEvents()).isEmpty();
    }

    @Test
    void aDefinitionFileNeedsAWorkspaceAndMustBeAFileInsideIt() throws Exception {
        answer("OK", List.of());

        WorkflowRun outsideNode =
                run("no-node", "sfnValidateDefinition(definitionFile: 'sm.asl.json')", Result.FAILURE);
        WorkflowRun missing = run(
                "missing",
                "node { sfnValidateDefinition(definitionFile: 'state-machines/none.asl.json') }",
                Result.FAILURE);
        WorkflowJob escapingJob = j.createProject(WorkflowJob.class, "escaping");
        j.jenkins
                .getWorkspaceFor(escapingJob)
                .getParent()
                .child("outside.asl.json")
                .write("{}", "UTF-8");
        escapingJob.setDefinition(
                new CpsFlowDefinition("node { sfnValidateDefinition(definitionFile: '../outside.asl.json') }", true));
        WorkflowRun escaping = j.assertBuildStatus(Result.FAILURE, escapingJob.scheduleBuild2(0));
        WorkflowRun absolute =
                run("absolute", "node { sfnValidateDefinition(definitionFile: '/etc/hosts') }", Result.FAILURE);
        // Whether a file exists outside the workspace is not told: the path is refused before it is looked for.
        WorkflowRun probing = run(
                "probing", "node { sfnValidateDefinition(definitionFile: '../no-such-file.json') }", Result.FAILURE);

        j.assertLogContains(
                "sfnValidateDefinition: definitionFile: 'sm.asl.json' is a path in the workspace, and this build has"
                        + " none here",
                outsideNode);
        j.assertLogContains(
                "definitionFile: there is no file 'state-machines/none.asl.json' in the workspace", missing);
        j.assertLogContains("definitionFile: '../outside.asl.json' is not inside the workspace", escaping);
        j.assertLogContains("definitionFile: '/etc/hosts' is not inside the workspace", absolute);
        j.assertLogContains("definitionFile: '../no-such-file.json' is not inside the workspace", probing);
        j.assertLogNotContains("there is no file", probing);
        assertThat(service.getAllServeEvents()).isEmpty();
    }
}
