package io.jenkins.plugins.awsstepfunctions.steps;

import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** What the Snippet Generator writes parses back into the same step. */
@WithJenkins
class SnippetRoundTripTest {

    private JenkinsRule j;

    @BeforeEach
    void setUp(JenkinsRule j) {
        this.j = j;
    }

    private static final String SM = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";
    private static final String EX = "arn:aws:states:us-east-1:123456789012:execution:orders:b1";

    @Test
    void startExecution() throws Exception {
        SnippetizerTester tester = new SnippetizerTester(j);
        tester.assertRoundTrip(new StartExecutionStep(SM), "sfnStartExecution '" + SM + "'");
        StartExecutionStep emptyInput = new StartExecutionStep(SM);
        emptyInput.setInput(""); // what the form sends for an empty field
        tester.assertRoundTrip(emptyInput, "sfnStartExecution '" + SM + "'");
        StartExecutionStep step = new StartExecutionStep(SM);
        step.setName("b1");
        step.setInput("{\"a\":1}");
        step.setWait(true);
        step.setTimeout(600);
        step.setRegion("eu-west-1");
        tester.assertRoundTrip(
                step,
                "sfnStartExecution input: '{\"a\":1}', name: 'b1', region: 'eu-west-1'," + " stateMachineArn: '" + SM
                        + "', timeout: 600, wait: true");
    }

    @Test
    void waitForExecution() throws Exception {
        SnippetizerTester tester = new SnippetizerTester(j);
        WaitForExecutionStep step = new WaitForExecutionStep(EX);
        step.setStopOnAbort(true);
        step.setFailOnError(false);
        tester.assertRoundTrip(
                step, "sfnWaitForExecution executionArn: '" + EX + "', failOnError: false," + " stopOnAbort: true");
    }

    @Test
    void getOutput() throws Exception {
        SnippetizerTester tester = new SnippetizerTester(j);
        tester.assertRoundTrip(new GetOutputStep(EX), "sfnGetOutput '" + EX + "'");
    }

    @Test
    void stopExecution() throws Exception {
        SnippetizerTester tester = new SnippetizerTester(j);
        tester.assertRoundTrip(new StopExecutionStep(EX), "sfnStopExecution '" + EX + "'");
        StopExecutionStep step = new StopExecutionStep(EX);
        step.setError("Jenkins.Superseded");
        step.setCause("superseded by b2");
        step.setFailIfEnded(true);
        tester.assertRoundTrip(
                step,
                "sfnStopExecution cause: 'superseded by b2', error: 'Jenkins.Superseded', executionArn: '" + EX
                        + "', failIfEnded: true");
    }

    @Test
    void taskTokenSteps() throws Exception {
        SnippetizerTester tester = new SnippetizerTester(j);
        SendTaskSuccessStep success = new SendTaskSuccessStep();
        success.setTaskTokenCredentialsId("approval-token");
        success.setOutput("{\"approved\":true}");
        tester.assertRoundTrip(
                success, "sfnSendTaskSuccess output: '{\"approved\":true}', taskTokenCredentialsId: 'approval-token'");
        SendTaskFailureStep failure = new SendTaskFailureStep();
        failure.setTaskTokenCredentialsId("approval-token");
        failure.setError("Jenkins.Rejected");
        failure.setCause("rejected");
        tester.assertRoundTrip(
                failure,
                "sfnSendTaskFailure cause: 'rejected', error: 'Jenkins.Rejected', taskTokenCredentialsId:"
                        + " 'approval-token'");
        SendTaskHeartbeatStep heartbeat = new SendTaskHeartbeatStep();
        heartbeat.setTaskTokenCredentialsId("approval-token");
        heartbeat.setTaskToken(""); // what the form sends for an empty field
        heartbeat.setRegion("eu-west-1");
        tester.assertRoundTrip(
                heartbeat, "sfnSendTaskHeartbeat region: 'eu-west-1', taskTokenCredentialsId: 'approval-token'");
    }

    @Test
    void validateDefinition() throws Exception {
        SnippetizerTester tester = new SnippetizerTester(j);
        ValidateDefinitionStep step = new ValidateDefinitionStep();
        step.setDefinitionFile("state-machines/release.asl.json");
        tester.assertRoundTrip(step, "sfnValidateDefinition definitionFile: 'state-machines/release.asl.json'");
        step.setType("EXPRESS");
        step.setWarnings("FAIL");
        tester.assertRoundTrip(
                step,
                "sfnValidateDefinition definitionFile: 'state-machines/release.asl.json', type: 'EXPRESS',"
                        + " warnings: 'FAIL'");
    }

    @Test
    void deployStateMachine() throws Exception {
        SnippetizerTester tester = new SnippetizerTester(j);
        tester.assertRoundTrip(new DeployStateMachineStep("release"), "sfnDeployStateMachine 'release'");
        DeployStateMachineStep step = new DeployStateMachineStep("release");
        step.setDefinitionFile("state-machines/release.asl.json");
        step.setExecutionRoleArn("arn:aws:iam::123456789012:role/release-states");
        step.setPublish(true);
        step.setAlias("live");
        step.setRouting("new=10,3=90");
        step.setType("standard");
        tester.assertRoundTrip(
                step,
                "sfnDeployStateMachine alias: 'live', definitionFile: 'state-machines/release.asl.json',"
                        + " executionRoleArn: 'arn:aws:iam::123456789012:role/release-states', name: 'release',"
                        + " publish: true, routing: 'new=10,3=90'");
        step.setLoggingLevel("ERROR");
        step.setLogGroupArn("arn:aws:logs:us-east-1:123456789012:log-group:/aws/states/release:*");
        step.setTracing(true);
        tester.assertRoundTrip(
                step,
                "sfnDeployStateMachine alias: 'live', definitionFile: 'state-machines/release.asl.json',"
                        + " executionRoleArn: 'arn:aws:iam::123456789012:role/release-states',"
                        + " logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/states/release:*',"
                        + " loggingLevel: 'ERROR', name: 'release', publish: true, routing: 'new=10,3=90',"
                        + " tracing: true");
    }

    @Test
    void testState() throws Exception {
        SnippetizerTester tester = new SnippetizerTester(j);
        TestStateStep step = new TestStateStep();
        step.setDefinitionFile("state-machines/release.asl.json");
        step.setStateName("Check");
        step.setMockError("Orders.Rejected");
        step.setExpectStatus("caught_error");
        tester.assertRoundTrip(
                step,
                "sfnTestState definitionFile: 'state-machines/release.asl.json', expectStatus: 'CAUGHT_ERROR',"
                        + " mockError: 'Orders.Rejected', stateName: 'Check'");
        step.setInput("{\"order\":42}");
        step.setInspectionLevel("DEBUG");
        tester.assertRoundTrip(
                step,
                "sfnTestState definitionFile: 'state-machines/release.asl.json', expectStatus: 'CAUGHT_ERROR',"
                        + " input: '{\"order\":42}', inspectionLevel: 'DEBUG', mockError: 'Orders.Rejected',"
                        + " stateName: 'Check'");
    }

    @Test
    void startExecutionWithAnInputFile() throws Exception {
        SnippetizerTester tester = new SnippetizerTester(j);
        StartExecutionStep step = new StartExecutionStep(SM);
        step.setInputFile("release-input.json");
        tester.assertRoundTrip(
                step, "sfnStartExecution inputFile: 'release-input.json', stateMachineArn: '" + SM + "'");
    }
}
