package io.jenkins.plugins.awsstepfunctions.freestyle;

import static io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs.jsonResponse;
import static io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs.operation;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.Result;
import hudson.util.FormValidation;
import io.jenkins.plugins.awsstepfunctions.config.StepFunctionsGlobalConfiguration;
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.TestResources;
import io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.assertj.core.groups.Tuple;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jvnet.hudson.test.CaptureEnvironmentBuilder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;

/**
 * The freestyle "Deploy AWS Step Functions state machine" build step against moto behind WireMock (which answers
 * ValidateStateMachineDefinition, which moto lacks), and the start step's input file.
 */
@WithJenkins
@ExtendWith(MotoExtension.class)
class DeployStateMachineBuilderTest {

    private static final String ROLE = MotoServer.EXECUTION_ROLE_ARN;
    private static final String DEFINITION = TestResources.text("/state-machines/checked-release.asl.json");

    private JenkinsRule j;
    private SfnClient sfn;
    private WireMockServer service;

    @BeforeEach
    void setUp(JenkinsRule j, MotoServer moto) throws Exception {
        this.j = j;
        this.sfn = moto.sfnClient();
        service =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        service.start();
        service.stubFor(WireMockStubs.proxyTo(moto));
        service.stubFor(operation("ValidateStateMachineDefinition")
                .willReturn(jsonResponse(Map.of("result", "OK", "diagnostics", List.of(), "truncated", false))));
        StepFunctionsGlobalConfiguration global = StepFunctionsGlobalConfiguration.get();
        global.setRegion(MotoServer.REGION);
        global.setEndpointUrl(service.baseUrl());
        global.setPollInterval(1);
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new AWSCredentialsImpl(
                        CredentialsScope.GLOBAL,
                        "moto-keys",
                        MotoServer.ACCESS_KEY_ID,
                        MotoServer.SECRET_ACCESS_KEY,
                        "moto",
                        null,
                        null,
                        null));
        global.setCredentialsId("moto-keys");
    }

    @AfterEach
    void tearDown() {
        service.stop();
        sfn.close();
    }

    @Test
    void deploysFromAWorkspaceFileExportsTheArnsAndTheNextStepStartsItOnAnInputFile() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject("deploy");
        j.jenkins
                .getWorkspaceFor(project)
                .child("state-machines/release.asl.json")
                .write(DEFINITION, StandardCharsets.UTF_8.name());
        j.jenkins
                .getWorkspaceFor(project)
                .child("input-1.json")
                .write("{\"release\": \"1\"}", StandardCharsets.UTF_8.name());
        DeployStateMachineBuilder deploy = new DeployStateMachineBuilder("release-${BUILD_NUMBER}");
        deploy.setDefinitionFile("state-machines/release.asl.json");
        deploy.setExecutionRoleArn(ROLE);
        deploy.setPublish(true);
        deploy.setAlias("live");
        deploy.setRouting("new=100");
        project.getBuildersList().add(deploy);
        StartExecutionBuilder start = new StartExecutionBuilder("${SFN_STATE_MACHINE_ARN}");
        start.setInputFile("input-${BUILD_NUMBER}.json");
        start.setWait(true);
        project.getBuildersList().add(start);
        CaptureEnvironmentBuilder captured = new CaptureEnvironmentBuilder();
        project.getBuildersList().add(captured);

        FreeStyleBuild build = j.buildAndAssertSuccess(project);

        String release = "arn:aws:states:us-east-1:" + MotoServer.ACCOUNT_ID + ":stateMachine:release-1";
        assertThat(captured.getEnvVars())
                .containsEntry("SFN_STATE_MACHINE_ARN", release)
                .containsEntry("SFN_STATE_MACHINE_VERSION_ARN", release + ":1")
                .containsEntry("SFN_STATE_MACHINE_ALIAS_ARN", release + ":live")
                .containsEntry("SFN_EXECUTION_STATUS", "SUCCEEDED");
        j.assertLogContains(
                "[AWS Step Functions] Deploying the STANDARD state machine 'release-1' in us-east-1 from"
                        + " state-machines/release.asl.json",
                build);
        j.assertLogContains("[AWS Step Functions] Created " + release, build);
        assertThat(sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(release + ":live"))
                        .routingConfiguration())
                .extracting(RoutingConfigurationListItem::stateMachineVersionArn, RoutingConfigurationListItem::weight)
                .containsExactly(Tuple.tuple(release + ":1", 100));
        assertThat(sfn.describeExecution(
                                b -> b.executionArn(captured.getEnvVars().get("SFN_EXECUTION_ARN")))
                        .input())
                .isEqualTo("{\"release\": \"1\"}");
    }

    @Test
    void badRoutingOrAMissingRoleOrDefinitionFailsTheBuildBeforeAnyCall() throws Exception {
        FreeStyleProject routing = j.createFreeStyleProject("routing");
        DeployStateMachineBuilder canary = new DeployStateMachineBuilder("canary");
        canary.setDefinition(DEFINITION);
        canary.setExecutionRoleArn(ROLE);
        canary.setPublish(true);
        canary.setAlias("live");
        canary.setRouting("new=60,1=30");
        routing.getBuildersList().add(canary);
        FreeStyleProject noRole = j.createFreeStyleProject("no-role");
        DeployStateMachineBuilder withoutRole = new DeployStateMachineBuilder("canary");
        withoutRole.setDefinition(DEFINITION);
        noRole.getBuildersList().add(withoutRole);
        FreeStyleProject noDefinition = j.createFreeStyleProject("no-definition");
        DeployStateMachineBuilder withoutDefinition = new DeployStateMachineBuilder("canary");
        withoutDefinition.setExecutionRoleArn(ROLE);
        noDefinition.getBuildersList().add(withoutDefinition);

        FreeStyleBuild refused = j.assertBuildStatus(Result.FAILURE, routing.scheduleBuild2(0));
        FreeStyleBuild roleMissing = j.assertBuildStatus(Result.FAILURE, noRole.scheduleBuild2(0));
        FreeStyleBuild definitionMissing = j.assertBuildStatus(Result.FAILURE, noDefinition.scheduleBuild2(0));

        j.assertLogContains("routing: weights add up to 90; they must add up to 100", refused);
        j.assertLogContains(
                "executionRoleArn: is required: the IAM role the state machine's executions use", roleMissing);
        j.assertLogContains("definition: or definitionFile is required", definitionMissing);
        assertThat(service.getAllServeEvents()).as("requests made").isEmpty();
    }

    @Test
    void configurationRoundTrips() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject("roundtrip");
        DeployStateMachineBuilder deploy = new DeployStateMachineBuilder("release");
        deploy.setDefinitionFile("state-machines/release.asl.json");
        deploy.setExecutionRoleArn(ROLE);
        deploy.setType("EXPRESS");
        deploy.setLoggingLevel("ERROR");
        deploy.setIncludeExecutionData(true);
        deploy.setLogGroupArn("arn:aws:logs:us-east-1:123456789012:log-group:/aws/states/release:*");
        deploy.setTracing(true);
        deploy.setPublish(true);
        deploy.setVersionDescription("build ${BUILD_NUMBER}");
        deploy.setAlias("live");
        deploy.setRouting("new=10,3=90");
        deploy.setRegion("eu-west-1");
        StartExecutionBuilder start = new StartExecutionBuilder("${SFN_STATE_MACHINE_ARN}");
        start.setInputFile("input.json");
        project.getBuildersList().add(deploy);
        project.getBuildersList().add(start);

        j.configRoundtrip(project);

        j.assertEqualDataBoundBeans(deploy, project.getBuildersList().get(DeployStateMachineBuilder.class));
        j.assertEqualDataBoundBeans(start, project.getBuildersList().get(StartExecutionBuilder.class));
    }

    /** As every form endpoint (see FormSecurityTest): POST only, and only for someone who may configure the job. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "freestyle.DeployStateMachineBuilder/checkName?value=x",
                "freestyle.DeployStateMachineBuilder/checkExecutionRoleArn?value=x",
                "freestyle.DeployStateMachineBuilder/checkRouting?value=x",
                "freestyle.DeployStateMachineBuilder/fillTypeItems",
                "freestyle.DeployStateMachineBuilder/fillLoggingLevelItems",
                "steps.DeployStateMachineStep/checkRouting?value=x",
                "steps.DeployStateMachineStep/fillLoggingLevelItems",
                "steps.TestStateStep/checkExecutionRoleArn?value=x",
                "steps.TestStateStep/fillInspectionLevelItems",
                "steps.TestStateStep/fillExpectStatusItems",
                "steps.TestStateStep/fillMockValidationModeItems",
                "steps.TestStateStep/checkMockResult?value=x",
                "steps.TestStateStep/checkVariables?value=x",
                "steps.TestStateStep/checkContext?value=x",
                "steps.TestStateStep/checkMapItemReaderData?value=x",
                "steps.TestStateStep/checkRetrierRetryCount?value=x",
                "steps.TestStateStep/checkMapIterationFailureCount?value=x"
            })
    void formEndpointsRefuseReadersAndGetAndServeConfigurers(String endpoint) throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE)
                .everywhere()
                .to("configurer"));
        j.createFreeStyleProject("job");
        String path = "job/job/descriptorByName/io.jenkins.plugins.awsstepfunctions." + endpoint;

        assertThat(post("reader", path)).isEqualTo(403);
        assertThat(post("configurer", path)).isEqualTo(200);
        JenkinsRule.WebClient web =
                j.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("configurer");
        assertThat(web.goTo(path, null).getWebResponse().getStatusCode()).isIn(404, 405);
    }

    private int post(String user, String path) throws Exception {
        JenkinsRule.WebClient web =
                j.createWebClient().withThrowExceptionOnFailingStatusCode(false).login(user);
        return web.getPage(new WebRequest(web.createCrumbedUrl(path), HttpMethod.POST))
                .getWebResponse()
                .getStatusCode();
    }

    @Test
    void formChecksAcceptBuildVariablesAndFlagWhatIsWrongAsWritten() throws Exception {
        FreeStyleProject job = j.createFreeStyleProject("forms");
        DeployStateMachineBuilder.DescriptorImpl descriptor =
                j.jenkins.getDescriptorByType(DeployStateMachineBuilder.DescriptorImpl.class);

        FormValidation variable = descriptor.doCheckRouting(job, "new=${CANARY},1=90");
        FormValidation sum = descriptor.doCheckRouting(job, "new=60,1=30");
        FormValidation pair = descriptor.doCheckRouting(job, "new:10");

        assertThat(variable.kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(variable.renderHtml()).contains("CANARY").contains("the build expands");
        assertThat(descriptor.doCheckRouting(job, "new=10, 3=90").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(sum.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(sum.renderHtml()).contains("add up to 90");
        assertThat(pair.renderHtml()).contains("is not version=weight");
        assertThat(descriptor.doCheckExecutionRoleArn(job, "").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(descriptor.doCheckExecutionRoleArn(job, "arn:aws:iam::${ACCOUNT}:role/states").kind)
                .isEqualTo(FormValidation.Kind.OK);
        assertThat(descriptor.doCheckName(job, "release ${BUILD_NUMBER}").kind).isEqualTo(FormValidation.Kind.ERROR);
    }
}
