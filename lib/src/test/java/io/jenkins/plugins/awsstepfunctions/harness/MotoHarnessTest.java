package io.jenkins.plugins.awsstepfunctions.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsstepfunctions.testing.Executions;
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.SfnException;

/** The emulator really interprets state machines: each terminal status is reached by a real execution. */
@ExtendWith(MotoExtension.class)
class MotoHarnessTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    private static SfnClient sfn;

    @BeforeAll
    static void connect(MotoServer moto) {
        sfn = moto.sfnClient();
    }

    @AfterAll
    static void disconnect() {
        sfn.close();
    }

    @Test
    void passStateMachineSucceedsWithItsOutput() {
        String stateMachine = StateMachines.create(sfn, "pass");

        DescribeExecutionResponse end = run(stateMachine, "pass-1", "{\"build\":42}");

        assertThat(end.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(end.output()).contains("\"greeting\"").contains("\"build\"").contains("42");
    }

    @Test
    void manyExecutionsInARowAllStartAcrossStateMachines() {
        String first = StateMachines.create(sfn, "pass");
        String second = StateMachines.create(sfn, "pass");

        for (int i = 0; i < 3; i++) {
            assertThat(run(first, "first-" + i, "{}").status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(run(second, "second-" + i, "{}").status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        }
    }

    @Test
    void failStateFailsWithItsErrorAndCause() {
        String stateMachine = StateMachines.create(sfn, "fail");

        DescribeExecutionResponse end = run(stateMachine, "fail-1", "{}");

        assertThat(end.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(end.error()).isEqualTo("Deployment.Rejected");
        assertThat(end.cause()).isEqualTo("The canary reported 42 errors");
    }

    @Test
    void executionLongerThanTimeoutSecondsTimesOut() {
        String stateMachine = StateMachines.create(sfn, "timeout");

        DescribeExecutionResponse end = run(stateMachine, "timeout-1", "{}");

        assertThat(end.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    }

    @Test
    void stoppedExecutionIsAborted() {
        String stateMachine = StateMachines.create(sfn, "wait-then-succeed");
        String execution = start(stateMachine, "abort-1", "{\"seconds\":60}");
        assertThat(sfn.describeExecution(b -> b.executionArn(execution)).status())
                .isEqualTo(ExecutionStatus.RUNNING);

        sfn.stopExecution(b -> b.executionArn(execution).error("Build.Aborted").cause("aborted by a test"));

        DescribeExecutionResponse end = Executions.awaitEnd(sfn, execution, LIMIT);
        // moto 5.2.1 does not keep StopExecution's error and cause; AWS does.
        assertThat(end.status()).isEqualTo(ExecutionStatus.ABORTED);
    }

    /** As in AWS, an unnamed start gets a name of its own (a UUID): two unnamed starts are two executions. */
    @Test
    void unnamedStartsGetDistinctGeneratedNames() {
        String stateMachine = StateMachines.create(sfn, "pass");

        String first = sfn.startExecution(b -> b.stateMachineArn(stateMachine)).executionArn();
        String second = sfn.startExecution(b -> b.stateMachineArn(stateMachine)).executionArn();

        assertThat(first)
                .doesNotEndWith(":None")
                .isNotEqualTo(second)
                .matches(".*:execution:[^:]+:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    /** A stop that arrives just as a Wait state is entered aborts the execution at once, as in AWS. */
    @Test
    void aStopRightAfterAWaitStateIsEnteredAbortsAtOnce() {
        String stateMachine = StateMachines.create(sfn, "wait-then-succeed");
        for (int i = 0; i < 12; i++) {
            String execution = start(stateMachine, "stop-in-wait-" + i, "{\"seconds\":60}");
            awaitWaitEntered(execution);

            sfn.stopExecution(b -> b.executionArn(execution));

            assertThat(Executions.awaitEnd(sfn, execution, Duration.ofSeconds(20))
                            .status())
                    .as("execution %d, stopped in its Wait state", i)
                    .isEqualTo(ExecutionStatus.ABORTED);
        }
    }

    private void awaitWaitEntered(String execution) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (sfn.getExecutionHistory(b -> b.executionArn(execution)).events().stream()
                .noneMatch(e -> e.stateEnteredEventDetails() != null
                        && "Wait".equals(e.stateEnteredEventDetails().name()))) {
            assertThat(System.currentTimeMillis()).as("Wait entered").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void waitStateReallyWaits() {
        String stateMachine = StateMachines.create(sfn, "wait-then-succeed");
        String execution = start(stateMachine, "wait-1", "{\"seconds\":2}");

        assertThat(sfn.describeExecution(b -> b.executionArn(execution)).status())
                .isEqualTo(ExecutionStatus.RUNNING);
        DescribeExecutionResponse end = Executions.awaitEnd(sfn, execution, LIMIT);

        assertThat(end.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Duration.between(end.startDate(), end.stopDate())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void mapStateRunsEveryItem() {
        String stateMachine = StateMachines.create(sfn, "map");

        DescribeExecutionResponse end = run(stateMachine, "map-1", "{\"items\":[1,2,3]}");

        assertThat(end.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(end.output().replace(" ", "")).isEqualTo("[{\"value\":2},{\"value\":4},{\"value\":6}]");
    }

    @Test
    void caughtParallelBranchFailureRecoversThroughChoice() {
        String stateMachine = StateMachines.create(sfn, "retry-catch");

        String execution = start(stateMachine, "catch-1", "{}");
        DescribeExecutionResponse end = Executions.awaitEnd(sfn, execution, LIMIT);

        assertThat(end.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(sfn.getExecutionHistoryPaginator(b -> b.executionArn(execution))
                        .events())
                .extracting(event -> event.type())
                .contains(HistoryEventType.PARALLEL_STATE_FAILED, HistoryEventType.CHOICE_STATE_ENTERED);
    }

    @Test
    void unparseableDefinitionIsRefusedByTheInterpreter() {
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("broken")
                        .roleArn(MotoServer.EXECUTION_ROLE_ARN)
                        .definition("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Nope\",\"End\":true}}}")))
                .isInstanceOf(SfnException.class)
                .satisfies(e -> assertThat(((SfnException) e).statusCode()).isEqualTo(400));
    }

    private static DescribeExecutionResponse run(String stateMachineArn, String name, String input) {
        return Executions.awaitEnd(sfn, start(stateMachineArn, name, input), LIMIT);
    }

    private static String start(String stateMachineArn, String name, String input) {
        return sfn.startExecution(
                        b -> b.stateMachineArn(stateMachineArn).name(name).input(input))
                .executionArn();
    }
}
