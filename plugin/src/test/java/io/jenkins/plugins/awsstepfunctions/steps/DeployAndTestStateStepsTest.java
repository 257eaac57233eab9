package io.jenkins.plugins.awsstepfunctions.steps;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs.jsonResponse;
import static io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs.operation;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import hudson.FilePath;
import hudson.model.Result;
import io.jenkins.plugins.awsstepfunctions.json.Json;
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import io.jenkins.plugins.awsstepfunctions.testing.TestResources;
import io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.assertj.core.groups.Tuple;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;

/**
 * sfnDeployStateMachine and sfnTestState, and sfnStartExecution's inputFile, against moto (state machines, versions
 * and aliases) behind WireMock, which answers what moto lacks (ValidateStateMachineDefinition,
 * PublishStateMachineVersion, TestState) as the API reference shapes those answers.
 */
@WithJenkins
@ExtendWith(MotoExtension.class)
class DeployAndTestStateStepsTest {

    private static final String ACCOUNT = "arn:aws:states:us-east-1:" + MotoServer.ACCOUNT_ID + ":stateMachine:";
    private static final String ROLE = MotoServer.EXECUTION_ROLE_ARN;
    /** A Check task that calls Lambda, with a Catch: in moto (no such function) it runs to Rejected and succeeds. */
    private static final String CHECKED = TestResources.text("/state-machines/checked-release.asl.json");

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
        validationAnswers(Map.of("result", "OK", "diagnostics", List.of(), "truncated", false));
        service.stubFor(operation("TestState")
                .withRequestBody(matchingJsonPath("$.mock.result"))
                .willReturn(jsonResponse(Map.of(
                        "status", "SUCCEEDED",
                        "output", "{\"release\":\"1\",\"check\":{\"approved\":true}}",
                        "nextState", "Approved",
                        "inspectionData",
                                Map.of(
                                        "input", "{\"release\":\"1\"}",
                                        "result", "{\"Payload\":{\"approved\":true}}")))));
        service.stubFor(operation("TestState")
                .withRequestBody(matchingJsonPath("$.mock.errorOutput"))
                .willReturn(jsonResponse(Map.of(
                        "status", "CAUGHT_ERROR",
                        "output", "{\"order\":42,\"error\":{\"Error\":\"Orders.Rejected\"}}",
                        "nextState", "Rejected",
                        "error", "Orders.Rejected",
                        "cause", "out of stock"))));
        PluginTestSupport.useMotoThrough(service.baseUrl());
    }

    @AfterEach
    void tearDown() {
        service.stop();
        sfn.close();
    }

    private void validationAnswers(Map<String, ?> answer) {
        service.stubFor(operation("ValidateStateMachineDefinition").willReturn(jsonResponse(answer)));
    }

    /** A Pipeline job whose workspace (on the built-in node) already holds the files, as a checkout would leave it. */
    private WorkflowJob job(String name, String script, Map<String, String> files) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        FilePath workspace = j.jenkins.getWorkspaceFor(job);
        for (Map.Entry<String, String> file : files.entrySet()) {
            workspace.child(file.getKey()).write(file.getValue(), StandardCharsets.UTF_8.name());
        }
        return job;
    }

    private WorkflowRun run(WorkflowJob job, Result expected) throws Exception {
        return j.assertBuildStatus(expected, job.scheduleBuild2(0));
    }

    private List<LoggedRequest> requests(String operation) {
        return service.findAll(
                postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSStepFunctions." + operation)));
    }

    @Test
    void deployScriptedExampleTestsDeploysAndRunsTheNewRevisionOnTheInputFile() throws Exception {
        WorkflowJob job = job(
                "deploy-scripted",
                PluginTestSupport.example("deploy-scripted").replace("checkout scm", "echo 'checked out'"),
                Map.of(
                        "state-machines/release.asl.json",
                        CHECKED,
                        "release-input.json",
                        "{\"release\": \"1\", \"notes\": \"from the file\"}"));

        WorkflowRun build = run(job, Result.SUCCESS);

        String release = ACCOUNT + "release";
        j.assertLogContains(
                "[AWS Step Functions] The state 'Check' of state-machines/release.asl.json: TestState: SUCCEEDED,"
                        + " next state Approved",
                build);
        j.assertLogContains("Check SUCCEEDED, next state Approved, output {\"release\":\"1\"", build);
        j.assertLogContains(
                "[AWS Step Functions] Deploying the STANDARD state machine 'release' in us-east-1 from"
                        + " state-machines/release.asl.json",
                build);
        j.assertLogContains("[AWS Step Functions] Created " + release, build);
        j.assertLogContains("[AWS Step Functions] Alias " + release + ":live (created)", build);
        j.assertLogContains("CREATED: version " + release + ":1, alias " + release + ":live", build);
        j.assertLogContains("[AWS Step Functions] The input is release-input.json (", build);
        j.assertLogContains("The new revision ran: arn:aws:states:us-east-1:", build);
        assertThat(requests("TestState"))
                .singleElement()
                .satisfies(request -> assertThat(Json.parse("TestState", request.getBodyAsString()))
                        .asInstanceOf(InstanceOfAssertFactories.MAP)
                        .containsEntry("stateName", "Check")
                        .containsEntry("input", "{\"release\":\"1\"}")
                        .containsEntry("inspectionLevel", "INFO")
                        .containsEntry("mock", Map.of("result", "{\"Payload\":{\"approved\":true}}"))
                        .containsEntry("definition", CHECKED));
        assertThat(Json.parse(
                        "CreateStateMachine",
                        requests("CreateStateMachine").get(0).getBodyAsString()))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("roleArn", "arn:aws:iam::123456789012:role/release-states")
                .containsEntry("publish", true)
                .hasEntrySatisfying(
                        "versionDescription",
                        description -> assertThat((String) description)
                                .as("the build's name and address")
                                .startsWith("Jenkins deploy-scripted #1 http")
                                .endsWith("/job/deploy-scripted/1/"));
        assertThat(sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(release + ":live"))
                        .routingConfiguration())
                .extracting(RoutingConfigurationListItem::stateMachineVersionArn, RoutingConfigurationListItem::weight)
                .containsExactly(Tuple.tuple(release + ":1", 100));
        ExecutionListItem ran =
                sfn.listExecutions(b -> b.stateMachineArn(release)).executions().get(0);
        assertThat(sfn.describeExecution(b -> b.executionArn(ran.executionArn()))
                        .input())
                .as("the input file, as it is")
                .isEqualTo("{\"release\": \"1\", \"notes\": \"from the file\"}");
    }

    @Test
    void deployDeclarativeExampleSendsTenPercentOfTheAliasToTheNewVersion() throws Exception {
        String orders = sfn.createStateMachine(b -> b.name("orders")
                        .roleArn(ROLE)
                        .definition(StateMachines.definition("pass"))
                        .publish(true))
                .stateMachineArn();
        WorkflowJob job = job(
                "deploy-declarative",
                PluginTestSupport.example("deploy-declarative"),
                Map.of("state-machines/orders.asl.json", CHECKED, "smoke-input.json", "{\"order\": 42}"));

        WorkflowRun build = run(job, Result.SUCCESS);

        j.assertLogContains(
                "[AWS Step Functions] The state 'Check' of state-machines/orders.asl.json: TestState: CAUGHT_ERROR,"
                        + " next state Rejected, Orders.Rejected: out of stock",
                build);
        j.assertLogContains("[AWS Step Functions] Updated " + orders, build);
        j.assertLogContains("Canary: " + orders + ":live routes 10 % to " + orders + ":2", build);
        j.assertLogContains("SUCCEEDED after", build);
        service.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.TestState"))
                .withRequestBody(matchingJsonPath("$.mock.errorOutput.error", equalTo("Orders.Rejected")))
                .withRequestBody(matchingJsonPath("$.mock.errorOutput.cause", equalTo("out of stock")))
                .withRequestBody(matchingJsonPath("$.input", equalToJson("{\"order\": 42}"))));
        assertThat(sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(orders + ":live"))
                        .routingConfiguration())
                .extracting(RoutingConfigurationListItem::stateMachineVersionArn, RoutingConfigurationListItem::weight)
                .containsExactlyInAnyOrder(Tuple.tuple(orders + ":2", 10), Tuple.tuple(orders + ":1", 90));
    }

    @Test
    void anUnchangedDeployUpdatesNothingAndReturnsTheVersionItsRevisionHas() throws Exception {
        String script = "def first = sfnDeployStateMachine(name: 'same', definition: '''" + CHECKED + "''',"
                + " executionRoleArn: '" + ROLE + "', publish: true)\n"
                + "def again = sfnDeployStateMachine(name: 'same', definition: '''" + CHECKED + "''',"
                + " executionRoleArn: '" + ROLE + "', publish: true)\n"
                + "echo \"first=${first} again=${again}\"";
        service.stubFor(operation("PublishStateMachineVersion")
                .willReturn(jsonResponse(Map.of("stateMachineVersionArn", ACCOUNT + "same:1", "creationDate", 1.7e9))));

        WorkflowRun build = run(job("unchanged", script, Map.of()), Result.SUCCESS);

        j.assertLogContains(
                "first=[stateMachineArn:" + ACCOUNT + "same, outcome:CREATED, versionArn:" + ACCOUNT + "same:1]",
                build);
        j.assertLogContains(
                "again=[stateMachineArn:" + ACCOUNT + "same, outcome:UNCHANGED, versionArn:" + ACCOUNT + "same:1]",
                build);
        j.assertLogContains(ACCOUNT + "same already has this definition and configuration; not updated", build);
        assertThat(requests("UpdateStateMachine")).isEmpty();
        assertThat(requests("PublishStateMachineVersion")).hasSize(1);
    }

    @Test
    void warningsAreLoggedAndAnErrorRefusesTheDeployBeforeAnyChange() throws Exception {
        validationAnswers(Map.of(
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
        String deploy = "sfnDeployStateMachine(name: 'warned', definition: '''" + CHECKED + "''', executionRoleArn: '"
                + ROLE + "')";

        WorkflowRun warned = run(job("warned", deploy, Map.of()), Result.SUCCESS);
        validationAnswers(Map.of(
                "result",
                "FAIL",
                "diagnostics",
                List.of(Map.of(
                        "severity", "ERROR",
                        "code", "MISSING_TRANSITION_TARGET",
                        "message", "Missing 'Next' target: Nowhere",
                        "location", "/States/Check/Next")),
                "truncated",
                false));
        WorkflowRun refused = run(job("refused", deploy.replace("'warned'", "'refused'"), Map.of()), Result.FAILURE);

        j.assertLogContains(
                "[AWS Step Functions] WARNING STATE_UNREACHABLE at /States/Orphan: State Orphan is not reachable",
                warned);
        j.assertLogContains("[AWS Step Functions] Created " + ACCOUNT + "warned", warned);
        j.assertLogContains(
                "sfnDeployStateMachine: definition: The definition is not valid: 1 errors, 0 warnings: ERROR"
                        + " MISSING_TRANSITION_TARGET at /States/Check/Next: Missing 'Next' target: Nowhere."
                        + " Nothing was deployed.",
                refused);
        assertThat(requests("CreateStateMachine")).as("only the warned deploy").hasSize(1);
    }

    @Test
    void aDefinitionFileThatIsMissingOrWithoutAWorkspaceIsNamedAndSoAreBadParameters() throws Exception {
        String parameters = "name: 'bad', executionRoleArn: '" + ROLE + "'";

        WorkflowRun missing = run(
                job(
                        "missing",
                        "node { sfnDeployStateMachine(" + parameters + ", definitionFile: 'nope.json') }",
                        Map.of()),
                Result.FAILURE);
        WorkflowRun outside =
                run(job("outside", "sfnTestState(definitionFile: 'state.json')", Map.of()), Result.FAILURE);
        WorkflowRun both = run(
                job(
                        "both",
                        "sfnDeployStateMachine(" + parameters + ", definition: '{}', definitionFile: 'x.json')",
                        Map.of()),
                Result.FAILURE);
        WorkflowRun noRole =
                run(job("no-role", "sfnDeployStateMachine(name: 'bad', definition: '{}')", Map.of()), Result.FAILURE);
        WorkflowRun connectionRole = run(
                job(
                        "connection-role",
                        "sfnDeployStateMachine(name: 'bad', definition: '{}', roleArn: '" + ROLE + "')",
                        Map.of()),
                Result.FAILURE);
        WorkflowRun routing = run(
                job(
                        "routing",
                        "sfnDeployStateMachine(" + parameters + ", definition: '{}', publish: true, alias: 'live',"
                                + " routing: ['new': 60, '1': 30])",
                        Map.of()),
                Result.FAILURE);

        j.assertLogContains(
                "sfnDeployStateMachine: definitionFile: there is no file 'nope.json' in the workspace ", missing);
        j.assertLogContains(
                "sfnTestState: definitionFile: 'state.json' is a path in the workspace, and this build has none here;"
                        + " run the step inside node { }",
                outside);
        j.assertLogContains("sfnDeployStateMachine: definitionFile: cannot be combined with definition", both);
        j.assertLogContains(
                "sfnDeployStateMachine: executionRoleArn: is required: the IAM role the state machine's executions"
                        + " use (roleArn is the role the connection assumes)",
                noRole);
        j.assertLogContains("sfnDeployStateMachine: executionRoleArn: is required", connectionRole);
        j.assertLogContains("sfnDeployStateMachine: routing: weights add up to 90; they must add up to 100", routing);
        assertThat(requests("ValidateStateMachineDefinition")).as("calls made").isEmpty();
    }

    @Test
    void testStateFailsUnlessTheStateEndsWithTheExpectedStatusAndReturnsWhatItSaid() throws Exception {
        service.stubFor(operation("TestState")
                .withRequestBody(matchingJsonPath("$.roleArn"))
                .willReturn(
                        jsonResponse(Map.of("status", "FAILED", "error", "Lambda.ServiceException", "cause", "boom"))));
        String state = "{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\","
                + " \"Arguments\": {\"FunctionName\": \"check\"}, \"End\": true}";
        String test = "sfnTestState(definition: '" + state + "', executionRoleArn: '" + ROLE + "', input: [order: 7],"
                + " inspectionLevel: 'debug'";

        WorkflowRun failed = run(job("failed", test + ")", Map.of()), Result.FAILURE);
        WorkflowRun expected = run(
                job(
                        "expected",
                        "def r = " + test + ", expectStatus: 'FAILED')\necho \"error=${r.error} cause=${r.cause}"
                                + " status=${r.status}\"",
                        Map.of()),
                Result.SUCCESS);
        WorkflowRun badStatus =
                run(job("bad-status", "sfnTestState(definition: '{}', expectStatus: 'OK')", Map.of()), Result.FAILURE);

        j.assertLogContains("[AWS Step Functions] The state: TestState: FAILED, Lambda.ServiceException: boom", failed);
        j.assertLogContains(
                "sfnTestState: The state ended FAILED, expected SUCCEEDED: Lambda.ServiceException: boom", failed);
        j.assertLogContains("error=Lambda.ServiceException cause=boom status=FAILED", expected);
        j.assertLogContains(
                "sfnTestState: expectStatus: must be one of SUCCEEDED, FAILED, RETRIABLE, CAUGHT_ERROR", badStatus);
        service.verify(
                2,
                postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.TestState"))
                        .withRequestBody(matchingJsonPath("$.roleArn", equalTo(ROLE)))
                        .withRequestBody(matchingJsonPath("$.inspectionLevel", equalTo("DEBUG")))
                        .withRequestBody(matchingJsonPath("$.input", equalTo("{\"order\":7}"))));
    }

    @Test
    void testStateSendsVariablesContextStateConfigurationAndTheMockValidationMode() throws Exception {
        service.stubFor(operation("TestState")
                .withRequestBody(matchingJsonPath("$.stateConfiguration"))
                .willReturn(jsonResponse(Map.of(
                        "status", "CAUGHT_ERROR",
                        "nextState", "Fallback",
                        "error", "Lambda.ServiceException",
                        "cause", "boom"))));
        String state = "{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\","
                + " \"Arguments\": {\"FunctionName\": \"check\"}, \"End\": true}";

        WorkflowRun caught = run(
                job(
                        "caught",
                        "def r = sfnTestState(definition: '" + state + "', mockError: 'Lambda.ServiceException',"
                                + " mockCause: 'boom', retrierRetryCount: 2, errorCausedByState: 'Inner',"
                                + " mapIterationFailureCount: 1, mapItemReaderData: [[id: 1]], variables: [attempt: 2],"
                                + " context: [Execution: [Name: 'build-7']], expectStatus: 'CAUGHT_ERROR')\n"
                                + "echo \"status=${r.status} next=${r.nextState}\"",
                        Map.of()),
                Result.SUCCESS);
        run(
                job(
                        "loose",
                        "sfnTestState(definition: '" + state + "', mockResult: [Payload: [approved: true]],"
                                + " mockValidationMode: 'none')",
                        Map.of()),
                Result.SUCCESS);
        WorkflowRun negative =
                run(job("negative", "sfnTestState(definition: '{}', retrierRetryCount: -1)", Map.of()), Result.FAILURE);

        j.assertLogContains("status=CAUGHT_ERROR next=Fallback", caught);
        j.assertLogContains("sfnTestState: retrierRetryCount: must be 0 or more, not -1", negative);
        service.verify(
                1,
                postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.TestState"))
                        .withRequestBody(matchingJsonPath("$.stateConfiguration.retrierRetryCount", equalTo("2")))
                        .withRequestBody(matchingJsonPath("$.stateConfiguration.errorCausedByState", equalTo("Inner")))
                        .withRequestBody(
                                matchingJsonPath("$.stateConfiguration.mapIterationFailureCount", equalTo("1")))
                        .withRequestBody(
                                matchingJsonPath("$.stateConfiguration.mapItemReaderData", equalTo("[{\"id\":1}]")))
                        .withRequestBody(matchingJsonPath("$.variables", equalTo("{\"attempt\":2}")))
                        .withRequestBody(
                                matchingJsonPath("$.context", equalTo("{\"Execution\":{\"Name\":\"build-7\"}}")))
                        .withRequestBody(matchingJsonPath("$.mock.errorOutput.cause", equalTo("boom"))));
        service.verify(
                1,
                postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.TestState"))
                        .withRequestBody(matchingJsonPath("$.mock.fieldValidationMode", equalTo("NONE"))));
        assertThat(requests("TestState"))
                .as("nothing sent for the refused count")
                .hasSize(2);
    }

    @Test
    void inputFileAndInputTogetherOrAFileOverTheLimitAreRefusedBeforeAnyStart() throws Exception {
        String arn = StateMachines.create(sfn, "pass");
        String start = "node { sfnStartExecution(stateMachineArn: '" + arn + "', ";

        WorkflowRun both = run(
                job("both-inputs", start + "input: [a: 1], inputFile: 'input.json') }", Map.of("input.json", "{}")),
                Result.FAILURE);
        WorkflowRun large = run(
                job(
                        "large-input",
                        start + "inputFile: 'large.json') }",
                        Map.of("large.json", "{\"text\": \"" + "x".repeat(300 * 1024) + "\"}")),
                Result.FAILURE);
        WorkflowRun notJson = run(
                job("not-json", start + "inputFile: 'input.txt') }", Map.of("input.txt", "release 42")),
                Result.FAILURE);

        j.assertLogContains("sfnStartExecution: inputFile: cannot be combined with input", both);
        j.assertLogContains(
                "sfnStartExecution: inputFile: 'large.json' is 307,212 bytes; Step Functions accepts at most 262,144"
                        + " bytes (256 KiB) of input",
                large);
        j.assertLogContains("sfnStartExecution: inputFile: ", notJson);
        assertThat(requests("StartExecution")).isEmpty();
    }
}
