package io.jenkins.plugins.awsstepfunctions.events;

import io.jenkins.plugins.awsstepfunctions.execution.ExecutionDescription;
import io.jenkins.plugins.awsstepfunctions.json.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/**
 * Reads queue messages: an EventBridge event as the rule delivers it to SQS, or the same event inside an SNS
 * notification (a topic that fans events out to several controllers' queues, without raw message delivery).
 */
public final class StatusChangeEvents {

    public static final String SOURCE = "aws.states";
    public static final String DETAIL_TYPE = "Step Functions Execution Status Change";

    private StatusChangeEvents() {}

    /**
     * The status change a message carries; empty for any other event or notification (they are not for this plugin).
     *
     * @throws MalformedEventException when the message is not JSON, or is a status change without what it must hold
     */
    public static Optional<StatusChangeEvent> parse(String body) {
        Map<?, ?> message = object(body, "The message body is not a JSON object");
        if ("Notification".equals(message.get("Type")) && message.get("Message") instanceof String inner) {
            message = object(inner, "The SNS notification's Message is not a JSON object");
        }
        if (!SOURCE.equals(message.get("source")) || !DETAIL_TYPE.equals(message.get("detail-type"))) {
            return Optional.empty();
        }
        if (!(message.get("detail") instanceof Map<?, ?> detail)) {
            throw new MalformedEventException("The status-change event has no 'detail' object");
        }
        String eventId = message.get("id") instanceof String id ? id : "";
        boolean outputIncluded = included(detail.get("outputDetails"), detail.get("output"));
        DescribeExecutionResponse.Builder execution = DescribeExecutionResponse.builder()
                .executionArn(text(detail, "executionArn", true))
                .stateMachineArn(text(detail, "stateMachineArn", false))
                .name(text(detail, "name", false))
                .status(text(detail, "status", true))
                .startDate(instant(detail, "startDate"))
                .stopDate(instant(detail, "stopDate"))
                .output(outputIncluded ? text(detail, "output", false) : null)
                .error(text(detail, "error", false))
                .cause(text(detail, "cause", false))
                .redriveStatus(text(detail, "redriveStatus", false))
                .redriveStatusReason(text(detail, "redriveStatusReason", false));
        if (detail.get("redriveCount") instanceof Number count) {
            execution.redriveCount(count.intValue());
        }
        try {
            return Optional.of(
                    new StatusChangeEvent(eventId, ExecutionDescription.of(execution.build()), outputIncluded));
        } catch (RuntimeException e) {
            // An ARN that is not an execution's, a status this version does not know, an output that is not JSON.
            throw new MalformedEventException("The status-change event " + eventId + " cannot be read: "
                    + e.getClass().getSimpleName());
        }
    }

    private static Map<?, ?> object(String text, String problem) {
        Object parsed;
        try {
            parsed = Json.parse("queue message", text);
        } catch (RuntimeException notJson) {
            throw new MalformedEventException(problem);
        }
        if (parsed instanceof Map<?, ?> map) {
            return map;
        }
        throw new MalformedEventException(problem);
    }

    /** Real events say {@code outputDetails.included}; an event without it is trusted only if it has an output. */
    private static boolean included(Object details, Object output) {
        if (details instanceof Map<?, ?> map && map.get("included") instanceof Boolean included) {
            return included && output instanceof String;
        }
        return output instanceof String;
    }

    private static String text(Map<?, ?> detail, String field, boolean required) {
        Object value = detail.get(field);
        if (value instanceof String s) {
            return s;
        }
        if (value == null && !required) {
            return null;
        }
        throw new MalformedEventException("The status-change event's detail." + field + " is "
                + (value == null ? "missing" : "not a string") + "; it must be a string");
    }

    private static Instant instant(Map<?, ?> detail, String field) {
        Object value = detail.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Number millis) {
            return Instant.ofEpochMilli(millis.longValue());
        }
        throw new MalformedEventException(
                "The status-change event's detail." + field + " is not a number; it must be milliseconds since 1970");
    }
}
