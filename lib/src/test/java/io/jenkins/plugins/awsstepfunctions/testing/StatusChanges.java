package io.jenkins.plugins.awsstepfunctions.testing;

import io.jenkins.plugins.awsstepfunctions.events.StatusChangeEvents;
import io.jenkins.plugins.awsstepfunctions.json.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/**
 * Status-change events as Step Functions sends them to EventBridge (the shape of {@code /events/succeeded.json}, which
 * follows the Developer Guide's examples), built from what DescribeExecution says of a real execution.
 */
public final class StatusChanges {

    private StatusChanges() {}

    /** The event's {@code detail}: DescribeExecution's fields, dates in epoch milliseconds. */
    public static Map<String, Object> detail(DescribeExecutionResponse execution, boolean includeOutput) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("executionArn", execution.executionArn());
        detail.put("stateMachineArn", execution.stateMachineArn());
        detail.put("name", execution.name());
        detail.put("status", execution.statusAsString());
        detail.put("startDate", millis(execution.startDate()));
        detail.put("stopDate", millis(execution.stopDate()));
        detail.put("input", execution.input());
        detail.put("inputDetails", Map.of("included", true));
        boolean hasOutput = execution.output() != null;
        detail.put("output", hasOutput && includeOutput ? execution.output() : null);
        detail.put("outputDetails", hasOutput ? Map.of("included", includeOutput) : null);
        detail.put("redriveCount", execution.redriveCount() == null ? 0 : execution.redriveCount());
        detail.put("redriveDate", millis(execution.redriveDate()));
        detail.put("redriveStatus", execution.redriveStatusAsString());
        detail.put("redriveStatusReason", execution.redriveStatusReason());
        detail.put("error", execution.error());
        detail.put("cause", execution.cause());
        return detail;
    }

    /** The whole event, as an EventBridge rule delivers it to an SQS queue (the message body). */
    public static String event(DescribeExecutionResponse execution, boolean includeOutput) {
        String arn = execution.executionArn();
        String[] parts = arn.split(":");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", StatusChangeEvents.DETAIL_TYPE);
        event.put("source", StatusChangeEvents.SOURCE);
        event.put("account", parts[4]);
        event.put("time", Instant.now().toString());
        event.put("region", parts[3]);
        event.put("resources", List.of(arn));
        event.put("detail", detail(execution, includeOutput));
        return Json.write("event", event);
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
