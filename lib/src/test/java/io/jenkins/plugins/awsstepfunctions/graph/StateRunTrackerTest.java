package io.jenkins.plugins.awsstepfunctions.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsstepfunctions.testing.Executions;
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionFailedEventDetails;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.StateEnteredEventDetails;
import software.amazon.awssdk.services.sfn.model.StateExitedEventDetails;
import software.amazon.awssdk.services.sfn.model.TaskFailedEventDetails;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutEventDetails;

/** Each state's status from real histories (moto's interpreter), and from AWS-shaped ones for what moto lacks. */
@ExtendWith(MotoExtension.class)
class StateRunTrackerTest {

    private static SfnClient sfn;

    @BeforeAll
    static void connect(MotoServer moto) {
        sfn = moto.sfnClient();
    }

    @Test
    void aSucceededExecutionColoursEveryStateItRan() {
        Map<String, StateRun> runs = run("pass", "{}");

        assertThat(runs).allSatisfy((name, run) -> assertThat(run.status()).isEqualTo(StateStatus.SUCCEEDED));
        assertThat(runs.values()).allSatisfy(run -> assertThat(run.duration()).isNotNull());
    }

    @Test
    void stateDataIsCutToWhatABuildKeeps() {
        String big = "x".repeat(StateRun.MAX_DATA_CHARS + 10);

        assertThat(StateRun.cut(big))
                .startsWith("x".repeat(StateRun.MAX_DATA_CHARS))
                .endsWith("… (" + big.length() + " characters)");
        assertThat(StateRun.cut("{}")).isEqualTo("{}");
        assertThat(StateRun.cut(null)).isNull();
    }

    @Test
    void aCaughtParallelFailureIsCaughtAndTheRoadNotTakenIsNotEntered() {
        Map<String, StateRun> runs = run("retry-catch", "{}");

        assertThat(runs.get("Both").status()).isEqualTo(StateStatus.CAUGHT);
        assertThat(runs.get("Both").error()).isEqualTo("Branch.Broken");
        assertThat(runs.get("Broken").error()).isEqualTo("Branch.Broken");
        assertThat(runs.get("Broken").cause()).isEqualTo("second branch always fails");
        assertThat(runs.get("Broken").status()).isEqualTo(StateStatus.FAILED);
        // The other branch races the failing one: it may not have started, or have been cut off, or have finished.
        assertThat(runs.get("Fine").status()).isIn(StateStatus.NOT_ENTERED, StateStatus.ABORTED, StateStatus.SUCCEEDED);
        assertThat(runs.get("Recovered").status()).isEqualTo(StateStatus.SUCCEEDED);
        assertThat(runs.get("Succeeded").status()).isEqualTo(StateStatus.SUCCEEDED);
        assertThat(runs.get("Unexpected").status()).isEqualTo(StateStatus.NOT_ENTERED);
    }

    @Test
    void aMapIterationThatFailsMarksItsStateAndTheMapFailed() {
        Map<String, StateRun> runs = run("map-fail", "{\"items\": [1, 2, 3]}");

        assertThat(runs.get("Each").status()).isEqualTo(StateStatus.FAILED);
        assertThat(runs.get("RejectItem").status()).isEqualTo(StateStatus.FAILED);
        assertThat(runs.get("RejectItem").error()).isEqualTo("Item.Rejected");
        // Iterations run concurrently: those the failure overtakes are cut off.
        assertThat(runs.get("Check").entered()).isBetween(2, 3);
        assertThat(runs.get("AcceptItem").status()).isIn(StateStatus.SUCCEEDED, StateStatus.ABORTED);
    }

    @Test
    void aFailStateInAMapInAParallelFailsAllThreeLevels() {
        Map<String, StateRun> runs = run("parallel-map-fail", "{\"regions\": [\"eu-west-1\", \"mars-north-1\"]}");

        assertThat(runs.get("Release").status()).isEqualTo(StateStatus.FAILED);
        assertThat(runs.get("Regions").status()).isEqualTo(StateStatus.FAILED);
        assertThat(runs.get("UnknownRegion").status()).isEqualTo(StateStatus.FAILED);
        assertThat(runs.get("UnknownRegion").summary()).isEqualTo("failed: Deploy.UnknownRegion (no such region)");
        assertThat(runs.get("Regions").error()).isEqualTo("Deploy.UnknownRegion");
        assertThat(runs.get("Release").error()).isEqualTo("Deploy.UnknownRegion");
    }

    @Test
    void jsonataStatesAreColouredAndAComputedCauseIsNotTakenForText() throws Exception {
        // AWS's history of the JSONata fixture (moto has no JSONata): Score, Grade's Default, then Low fails with a
        // Cause computed by an expression, which the execution's failure carries.
        List<HistoryEvent> events = List.of(
                event(1, 0, HistoryEventType.EXECUTION_STARTED).build(),
                entered(2, 1, HistoryEventType.PASS_STATE_ENTERED, "Score"),
                exited(3, 2, HistoryEventType.PASS_STATE_EXITED, "Score"),
                entered(4, 3, HistoryEventType.CHOICE_STATE_ENTERED, "Grade"),
                exited(5, 4, HistoryEventType.CHOICE_STATE_EXITED, "Grade"),
                entered(6, 5, HistoryEventType.FAIL_STATE_ENTERED, "Low"),
                event(7, 6, HistoryEventType.EXECUTION_FAILED)
                        .executionFailedEventDetails(ExecutionFailedEventDetails.builder()
                                .error("Score.Low")
                                .cause("score 4")
                                .build())
                        .build());
        StateRunTracker tracker = new StateRunTracker();

        tracker.accept(events);

        Map<String, StateRun> runs = tracker.runs(AslDefinitions.parse(StateMachines.definition("diagrams/jsonata")));
        assertThat(runs.get("Score").status()).isEqualTo(StateStatus.SUCCEEDED);
        assertThat(runs.get("Grade").status()).isEqualTo(StateStatus.SUCCEEDED);
        assertThat(runs.get("High").status()).isEqualTo(StateStatus.NOT_ENTERED);
        assertThat(runs.get("Low").status()).isEqualTo(StateStatus.FAILED);
        assertThat(runs.get("Low").error()).isEqualTo("Score.Low");
        assertThat(runs.get("Low").cause())
                .as("the execution's, not the expression")
                .isEqualTo("score 4");
    }

    @Test
    void aStateTheExecutionTimedOutInIsTimedOut() {
        Map<String, StateRun> runs = run("timeout", "{}");

        assertThat(runs.get("TooLong").status()).isEqualTo(StateStatus.TIMED_OUT);
    }

    @Test
    void aStateStillRunningIsRunningAndTheRestNotEntered() {
        String machine = StateMachines.create(sfn, "wait-then-succeed");
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"seconds\": 2}"))
                .executionArn();
        StateRunTracker tracker = new StateRunTracker();
        Scope definition = AslDefinitions.parse(StateMachines.definition("wait-then-succeed"));

        tracker.accept(history(execution));

        Map<String, StateRun> runs = tracker.runs(definition);
        assertThat(tracker.ended()).isFalse();
        assertThat(runs.values())
                .extracting(StateRun::status)
                .contains(StateStatus.RUNNING)
                .doesNotContain(StateStatus.FAILED, StateStatus.ABORTED);
        Executions.awaitEnd(sfn, execution, Duration.ofSeconds(30));
        tracker.accept(history(execution));
        assertThat(tracker.runs(definition).values())
                .allSatisfy(run -> assertThat(run.status()).isEqualTo(StateStatus.SUCCEEDED));
    }

    @Test
    void pagesFedTwiceCountOnce() {
        String machine = StateMachines.create(sfn, "map-fail");
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"items\": [1, 2, 3]}"))
                .executionArn();
        Executions.awaitEnd(sfn, execution, Duration.ofSeconds(30));
        List<HistoryEvent> events = history(execution);
        Scope definition = AslDefinitions.parse(StateMachines.definition("map-fail"));
        StateRunTracker once = new StateRunTracker();
        once.accept(events);
        StateRunTracker overlapping = new StateRunTracker();

        overlapping.accept(events.subList(0, events.size() / 2));
        overlapping.accept(events);
        overlapping.accept(events);

        assertThat(overlapping.runs(definition)).isEqualTo(once.runs(definition));
        assertThat(once.runs(definition).get("Check").entered()).isPositive();
    }

    @Test
    void aTaskThatSucceedsAfterARetryIsRetried() {
        // AWS's history of a Task with a Retry rule: the retry is a second TaskScheduled, not a second entry.
        List<HistoryEvent> events = List.of(
                event(1, 0, HistoryEventType.EXECUTION_STARTED).build(),
                entered(2, 1, HistoryEventType.TASK_STATE_ENTERED, "Deploy"),
                event(3, 2, HistoryEventType.TASK_SCHEDULED).build(),
                event(4, 3, HistoryEventType.TASK_STARTED).build(),
                event(5, 4, HistoryEventType.TASK_FAILED)
                        .taskFailedEventDetails(TaskFailedEventDetails.builder()
                                .error("Lambda.ServiceException")
                                .cause("throttled")
                                .build())
                        .build(),
                event(6, 5, HistoryEventType.TASK_SCHEDULED).build(),
                event(7, 6, HistoryEventType.TASK_STARTED).build(),
                event(8, 7, HistoryEventType.TASK_SUCCEEDED).build(),
                exited(9, 8, HistoryEventType.TASK_STATE_EXITED, "Deploy"),
                event(10, 9, HistoryEventType.EXECUTION_SUCCEEDED).build());
        StateRunTracker tracker = new StateRunTracker();

        tracker.accept(events);

        StateRun deploy = tracker.runs(new Scope("Deploy", List.of())).get("Deploy");
        assertThat(deploy.status()).isEqualTo(StateStatus.RETRIED);
        assertThat(deploy.failures()).isEqualTo(1);
        assertThat(deploy.summary())
                .isEqualTo("succeeded after retries (1 retry): Lambda.ServiceException (throttled)");
    }

    @Test
    void aTaskThatTimesOutEndsTheExecutionTimedOut() {
        List<HistoryEvent> events = List.of(
                event(1, 0, HistoryEventType.EXECUTION_STARTED).build(),
                entered(2, 1, HistoryEventType.TASK_STATE_ENTERED, "Approve"),
                event(3, 2, HistoryEventType.TASK_SCHEDULED).build(),
                event(4, 3, HistoryEventType.TASK_STARTED).build(),
                event(5, 4, HistoryEventType.TASK_TIMED_OUT)
                        .taskTimedOutEventDetails(TaskTimedOutEventDetails.builder()
                                .error("States.Timeout")
                                .build())
                        .build(),
                event(6, 5, HistoryEventType.EXECUTION_FAILED)
                        .executionFailedEventDetails(ExecutionFailedEventDetails.builder()
                                .error("States.Timeout")
                                .build())
                        .build());
        StateRunTracker tracker = new StateRunTracker();

        tracker.accept(events);

        StateRun approve = tracker.runs(new Scope("Approve", List.of())).get("Approve");
        assertThat(approve.status()).isEqualTo(StateStatus.TIMED_OUT);
        assertThat(approve.error()).isEqualTo("States.Timeout");
    }

    @Test
    void aCatchThatMovesOnWithoutAnExitEventStillCountsAsCaught() {
        List<HistoryEvent> events = List.of(
                event(1, 0, HistoryEventType.EXECUTION_STARTED).build(),
                entered(2, 1, HistoryEventType.TASK_STATE_ENTERED, "Call"),
                event(3, 2, HistoryEventType.TASK_SCHEDULED).build(),
                event(4, 3, HistoryEventType.TASK_FAILED)
                        .taskFailedEventDetails(TaskFailedEventDetails.builder()
                                .error("Api.Down")
                                .build())
                        .build(),
                entered(5, 4, HistoryEventType.PASS_STATE_ENTERED, "Fallback"),
                exited(6, 5, HistoryEventType.PASS_STATE_EXITED, "Fallback"),
                event(7, 6, HistoryEventType.EXECUTION_SUCCEEDED).build());
        StateRunTracker tracker = new StateRunTracker();

        tracker.accept(events);

        Map<String, StateRun> runs = tracker.runs(new Scope("Call", List.of()));
        assertThat(runs.get("Call").status()).isEqualTo(StateStatus.CAUGHT);
        assertThat(runs.get("Call").error()).isEqualTo("Api.Down");
        assertThat(runs.get("Fallback").status()).isEqualTo(StateStatus.SUCCEEDED);
    }

    private static Map<String, StateRun> run(String fixture, String input) {
        String machine = StateMachines.create(sfn, fixture);
        String execution =
                sfn.startExecution(b -> b.stateMachineArn(machine).input(input)).executionArn();
        Executions.awaitEnd(sfn, execution, Duration.ofSeconds(30));
        StateRunTracker tracker = new StateRunTracker();
        tracker.accept(history(execution));
        assertThat(tracker.ended()).isTrue();
        return tracker.runs(AslDefinitions.parse(StateMachines.definition(fixture)));
    }

    private static List<HistoryEvent> history(String execution) {
        List<HistoryEvent> events = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            GetExecutionHistoryResponse response =
                    sfn.getExecutionHistory(b -> b.executionArn(execution).nextToken(page));
            events.addAll(response.events());
            token = response.nextToken();
        } while (token != null);
        return events;
    }

    private static HistoryEvent.Builder event(long id, long previous, HistoryEventType type) {
        return HistoryEvent.builder()
                .id(id)
                .previousEventId(previous)
                .type(type)
                .timestamp(Instant.parse("2026-11-30T10:00:00Z").plusSeconds(id));
    }

    private static HistoryEvent entered(long id, long previous, HistoryEventType type, String name) {
        return event(id, previous, type)
                .stateEnteredEventDetails(
                        StateEnteredEventDetails.builder().name(name).build())
                .build();
    }

    private static HistoryEvent exited(long id, long previous, HistoryEventType type, String name) {
        return event(id, previous, type)
                .stateExitedEventDetails(
                        StateExitedEventDetails.builder().name(name).build())
                .build();
    }
}
