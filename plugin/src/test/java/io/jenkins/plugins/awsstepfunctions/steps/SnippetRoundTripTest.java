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
}
