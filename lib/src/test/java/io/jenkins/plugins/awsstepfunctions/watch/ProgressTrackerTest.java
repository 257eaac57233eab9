package io.jenkins.plugins.awsstepfunctions.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/** History events as Step Functions documents them (the SDK's own model), turned into progress lines. */
class ProgressTrackerTest {

    private static HistoryEvent.Builder event(long id, long previous, HistoryEventType type) {
        return HistoryEvent.builder()
                .id(id)
                .previousEventId(previous)
                .type(type)
                .timestamp(Instant.ofEpochSecond(id));
    }

    private static HistoryEvent entered(long id, long previous, HistoryEventType type, String name) {
        return event(id, previous, type)
                .stateEnteredEventDetails(d -> d.name(name))
                .build();
    }

    private static HistoryEvent exited(long id, long previous, HistoryEventType type, String name) {
        return event(id, previous, type)
                .stateExitedEventDetails(d -> d.name(name))
                .build();
    }

    @Test
    void taskFailuresAreReportedWithTheirStateAndRetriesStayVisible() {
        ProgressTracker tracker = new ProgressTracker(Set.of("Charge", "Ship"));

        List<ProgressEvent> events = tracker.accept(List.of(
                entered(2, 1, HistoryEventType.TASK_STATE_ENTERED, "Charge"),
                event(3, 2, HistoryEventType.TASK_SCHEDULED).build(),
                event(4, 3, HistoryEventType.TASK_FAILED)
                        .taskFailedEventDetails(d -> d.error("Payments.Busy")
                                .cause("try later")
                                .resourceType("lambda")
                                .resource("invoke"))
                        .build(),
                event(5, 4, HistoryEventType.TASK_SCHEDULED).build(),
                event(6, 5, HistoryEventType.TASK_SUCCEEDED).build(),
                exited(7, 6, HistoryEventType.TASK_STATE_EXITED, "Charge")));

        assertThat(events)
                .extracting(ProgressEvent::describe)
                .containsExactly(
                        "entered Task state 'Charge'",
                        "state 'Charge' failed: Payments.Busy: try later",
                        "left state 'Charge' after 5.0 s");
    }

    @Test
    void mapIterationsAreSummarisedAndNestedStatesLeftOut() {
        ProgressTracker tracker = new ProgressTracker(Set.of("Each", "After"));

        List<ProgressEvent> first = tracker.accept(List.of(
                entered(2, 1, HistoryEventType.MAP_STATE_ENTERED, "Each"),
                event(3, 2, HistoryEventType.MAP_STATE_STARTED)
                        .mapStateStartedEventDetails(d -> d.length(2))
                        .build(),
                event(4, 3, HistoryEventType.MAP_ITERATION_STARTED)
                        .mapIterationStartedEventDetails(d -> d.name("Each").index(0))
                        .build(),
                entered(5, 4, HistoryEventType.PASS_STATE_ENTERED, "Inner"),
                event(6, 3, HistoryEventType.MAP_ITERATION_STARTED)
                        .mapIterationStartedEventDetails(d -> d.name("Each").index(1))
                        .build()));
        List<ProgressEvent> second = tracker.accept(List.of(
                exited(7, 5, HistoryEventType.PASS_STATE_EXITED, "Inner"),
                event(8, 7, HistoryEventType.MAP_ITERATION_SUCCEEDED)
                        .mapIterationSucceededEventDetails(d -> d.name("Each").index(0))
                        .build(),
                event(9, 6, HistoryEventType.MAP_ITERATION_FAILED)
                        .mapIterationFailedEventDetails(d -> d.name("Each").index(1))
                        .build(),
                exited(10, 9, HistoryEventType.MAP_STATE_EXITED, "Each"),
                entered(11, 10, HistoryEventType.PASS_STATE_ENTERED, "After")));

        assertThat(first)
                .extracting(ProgressEvent::describe)
                .containsExactly(
                        "entered Map state 'Each'",
                        "Map state 'Each': 2 of 2 iterations started, 0 succeeded, 0 failed");
        assertThat(second)
                .extracting(ProgressEvent::describe)
                .containsExactly(
                        "Map state 'Each': 2 of 2 iterations started, 1 succeeded, 1 failed",
                        "left state 'Each' after 8.0 s",
                        "entered Pass state 'After'");
        assertThat(second).extracting(ProgressEvent::eventId).containsExactly(9L, 10L, 11L);
    }

    @Test
    void aStateLeftWhoseEntryCameBeforeThisTrackerIsReportedWithoutItsDuration() {
        ProgressTracker resumed = new ProgressTracker(Set.of("Wait"));

        assertThat(resumed.accept(List.of(exited(9, 8, HistoryEventType.WAIT_STATE_EXITED, "Wait"))))
                .extracting(ProgressEvent::describe)
                .containsExactly("left state 'Wait'");
    }

    @Test
    void aStateEnteredAgainIsTimedFromItsLatestEntry() {
        ProgressTracker tracker = new ProgressTracker(Set.of("Poll"));

        List<ProgressEvent> events = tracker.accept(List.of(
                entered(2, 1, HistoryEventType.TASK_STATE_ENTERED, "Poll"),
                exited(3, 2, HistoryEventType.TASK_STATE_EXITED, "Poll"),
                entered(70, 3, HistoryEventType.TASK_STATE_ENTERED, "Poll"),
                exited(200, 70, HistoryEventType.TASK_STATE_EXITED, "Poll")));

        assertThat(events)
                .extracting(ProgressEvent::describe)
                .containsExactly(
                        "entered Task state 'Poll'",
                        "left state 'Poll' after 1.0 s",
                        "entered Task state 'Poll'",
                        "left state 'Poll' after 2 min 10 s");
    }

    @Test
    void withoutTheDefinitionEveryStateCounts() {
        ProgressTracker tracker = new ProgressTracker(null);

        assertThat(tracker.accept(List.of(entered(2, 1, HistoryEventType.WAIT_STATE_ENTERED, "Anything"))))
                .extracting(ProgressEvent::describe)
                .containsExactly("entered Wait state 'Anything'");
    }
}
