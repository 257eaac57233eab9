package io.jenkins.plugins.awsstepfunctions.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsstepfunctions.execution.ExecutionState;
import io.jenkins.plugins.awsstepfunctions.json.Json;
import io.jenkins.plugins.awsstepfunctions.testing.TestResources;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusChangeEventsTest {

    private static final String EXECUTION =
            "arn:aws:states:us-east-1:123456789012:execution:state-machine-name:execution-name";

    @Test
    void aSucceededEventCarriesWhatDescribeExecutionWouldSay() {
        StatusChangeEvent event = parse("/events/succeeded.json");

        assertThat(event.eventId()).isEqualTo("315c1398-40ff-a850-213b-158f73e60175");
        assertThat(event.executionArn().toString()).isEqualTo(EXECUTION);
        assertThat(event.state()).isEqualTo(ExecutionState.SUCCEEDED);
        assertThat(event.description().startDate()).isEqualTo(Instant.ofEpochMilli(1551225271984L));
        assertThat(event.stopDate()).contains(Instant.ofEpochMilli(1551225273493L));
        assertThat(event.description().output()).isEqualTo("Hello World!");
        assertThat(event.description().redriveStatus()).contains("NOT_REDRIVABLE");
        assertThat(event.complete()).isTrue();
    }

    @Test
    void aFailedEventCarriesErrorAndCauseAndIsCompleteWithoutOutput() {
        StatusChangeEvent event = parse("/events/failed.json");

        assertThat(event.state()).isEqualTo(ExecutionState.FAILED);
        assertThat(event.description().error()).contains("States.TaskFailed");
        assertThat(event.description().cause()).contains("The task failed");
        assertThat(event.description().outputJson()).isEmpty();
        assertThat(event.complete()).isTrue();
    }

    @Test
    void aRunningEventHasNoStopDateAndEndsNothing() {
        StatusChangeEvent event = parse("/events/running.json");

        assertThat(event.state()).isEqualTo(ExecutionState.RUNNING);
        assertThat(event.stopDate()).isEmpty();
        assertThat(event.complete()).isFalse();
    }

    @Test
    void anOutputLeftOutOfTheEventIsNotTakenForNoOutput() {
        StatusChangeEvent event = parse("/events/succeeded-output-too-large.json");

        assertThat(event.state()).isEqualTo(ExecutionState.SUCCEEDED);
        assertThat(event.outputIncluded()).isFalse();
        assertThat(event.complete())
                .as("a DescribeExecution must fetch the output")
                .isFalse();
    }

    @Test
    void anEventInsideAnSnsNotificationIsRead() {
        StatusChangeEvent event = parse("/events/succeeded-via-sns.json");

        assertThat(event.executionArn().toString()).isEqualTo(EXECUTION);
        assertThat(event.description().output()).isEqualTo("Hello World!");
    }

    @Test
    void otherEventsAndNotificationsAreNotForThePlugin() {
        assertThat(StatusChangeEvents.parse("{\"source\":\"aws.s3\",\"detail-type\":\"Object Created\",\"detail\":{}}"))
                .isEmpty();
        assertThat(StatusChangeEvents.parse("{\"Type\":\"SubscriptionConfirmation\",\"Message\":\"confirm\"}"))
                .isEmpty();
        assertThat(StatusChangeEvents.parse(
                        "{\"source\":\"aws.states\",\"detail-type\":\"AWS API Call via CloudTrail\",\"detail\":{}}"))
                .isEmpty();
    }

    @Test
    void aBodyThatIsNotJsonIsMalformedAndNotQuoted() {
        assertThatThrownBy(() -> StatusChangeEvents.parse("password=hunter2 not json"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("not a JSON object")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aStatusChangeWithoutItsExecutionArnNamesTheField() {
        String body = withDetail("executionArn", null);

        assertThatThrownBy(() -> StatusChangeEvents.parse(body))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("detail.executionArn is missing");
    }

    @Test
    void aStatusThisVersionDoesNotKnowIsMalformed() {
        String body = withDetail("status", "PAUSED");

        assertThatThrownBy(() -> StatusChangeEvents.parse(body))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("cannot be read");
    }

    @Test
    void anOutputThatIsNotJsonIsMalformedAndNotQuoted() {
        String body = withDetail("output", "secret-output {");

        assertThatThrownBy(() -> StatusChangeEvents.parse(body))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageNotContaining("secret-output");
    }

    @Test
    void datesMustBeNumbers() {
        String body = withDetail("startDate", "yesterday");

        assertThatThrownBy(() -> StatusChangeEvents.parse(body))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("detail.startDate is not a number");
    }

    private static StatusChangeEvent parse(String resource) {
        return StatusChangeEvents.parse(TestResources.text(resource)).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static String withDetail(String field, Object value) {
        Map<String, Object> event =
                (Map<String, Object>) Json.parse("fixture", TestResources.text("/events/succeeded.json"));
        ((Map<String, Object>) event.get("detail")).put(field, value);
        return Json.write("fixture", event);
    }
}
