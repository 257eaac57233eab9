package io.jenkins.plugins.awsstepfunctions.freestyle;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.model.StringParameterDefinition;
import io.jenkins.plugins.awsstepfunctions.config.StepFunctionsGlobalConfiguration;
import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestBuilder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The freestyle "Validate AWS Step Functions state machine definition" against ValidateStateMachineDefinition answers
 * shaped as the API reference documents them (moto does not implement the operation).
 */
@WithJenkins
class ValidateDefinitionBuilderTest {

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
        StepFunctionsGlobalConfiguration global = StepFunctionsGlobalConfiguration.get();
        global.setRegion("us-east-1");
        global.setEndpointUrl(service.baseUrl());
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new AWSCredentialsImpl(
                        CredentialsScope.GLOBAL, "keys", "AKIAVALIDATION000001", "secret", "keys", null, null, null));
        global.setCredentialsId("keys");
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

    @Test
    void aWorkspaceFileIsValidatedAndAWarningMarksTheBuildUnstable() throws Exception {
        answer("OK", List.of(WARNING));
        String definition = StateMachines.definition("pass");
        FreeStyleProject project = j.createFreeStyleProject("validate");
        project.getBuildersList().add(new TestBuilder() {
            @Override
            public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
                    throws IOException, InterruptedException {
                build.getWorkspace().child("state-machines/release.asl.json").write(definition, "UTF-8");
                return true;
            }
        });
        ValidateDefinitionBuilder validate = new ValidateDefinitionBuilder();
        validate.setDefinitionFile("state-machines/${RELEASE}.asl.json");
        project.getBuildersList().add(validate);
        project.addProperty(new ParametersDefinitionProperty(new StringParameterDefinition("RELEASE", "release")));

        FreeStyleBuild build = j.assertBuildStatus(Result.UNSTABLE, project.scheduleBuild2(0));

        j.assertLogContains(
                "[AWS Step Functions] Validated state-machines/release.asl.json as a STANDARD state machine: The"
                        + " definition is valid: 0 errors, 1 warnings",
                build);
        j.assertLogContains(
                "[AWS Step Functions] WARNING STATE_UNREACHABLE at /States/Orphan: State Orphan is not reachable",
                build);
        service.verify(WireMock.postRequestedFor(WireMock.urlEqualTo("/"))
                .withRequestBody(WireMock.matchingJsonPath("$.definition", WireMock.equalTo(definition))));
    }

    @Test
    void anErrorFailsTheBuildAndTextIsUsedAsWritten() throws Exception {
        answer(
                "FAIL",
                List.of(Map.of(
                        "severity", "ERROR",
                        "code", "SCHEMA_VALIDATION_FAILED",
                        "message", "The field \"Next\" should be non-empty",
                        "location", "/States/Wait/Next")));
        String definition = "{\"StartAt\": \"Ask\", \"States\": {\"Ask\": {\"Type\": \"Pass\","
                + " \"Parameters\": {\"token.$\": \"$$.Execution.Id\"}, \"End\": true}}}";
        FreeStyleProject project = j.createFreeStyleProject("invalid");
        ValidateDefinitionBuilder validate = new ValidateDefinitionBuilder();
        validate.setDefinition(definition);
        validate.setWarnings("IGNORE");
        project.getBuildersList().add(validate);

        FreeStyleBuild build = j.assertBuildStatus(Result.FAILURE, project.scheduleBuild2(0));

        j.assertLogContains(
                "The definition is not valid: 1 errors, 0 warnings: ERROR SCHEMA_VALIDATION_FAILED at"
                        + " /States/Wait/Next",
                build);
        service.verify(WireMock.postRequestedFor(WireMock.urlEqualTo("/"))
                .withRequestBody(WireMock.matchingJsonPath("$.definition", WireMock.equalTo(definition))));
    }

    @Test
    void warningsCanFailTheBuildOrBeIgnored() throws Exception {
        answer("OK", List.of(WARNING));
        FreeStyleProject failing = j.createFreeStyleProject("fails");
        ValidateDefinitionBuilder strict = new ValidateDefinitionBuilder();
        strict.setDefinition(StateMachines.definition("pass"));
        strict.setWarnings("FAIL");
        failing.getBuildersList().add(strict);
        FreeStyleProject ignoring = j.createFreeStyleProject("ignores");
        ValidateDefinitionBuilder lenient = new ValidateDefinitionBuilder();
        lenient.setDefinition(StateMachines.definition("pass"));
        lenient.setWarnings("IGNORE");
        ignoring.getBuildersList().add(lenient);

        FreeStyleBuild failed = j.assertBuildStatus(Result.FAILURE, failing.scheduleBuild2(0));
        FreeStyleBuild ignored = j.buildAndAssertSuccess(ignoring);

        j.assertLogContains("(warnings: FAIL)", failed);
        j.assertLogContains("WARNING STATE_UNREACHABLE at /States/Orphan", ignored);
        assertThat(service.getAllServeEvents()).hasSize(2);
    }
}
