package io.jenkins.plugins.awsstepfunctions.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/** Step Functions API answers shaped as the API reference documents them, for WireMock stubs of what moto lacks. */
public final class AwsShapes {

    private AwsShapes() {}

    /** A history event, timestamped {@code id} seconds after a fixed start. */
    public static Map<String, Object> event(long id, long previous, String type, Map<String, Object> details) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("timestamp", 1.7E9 + id);
        event.put("type", type);
        event.put("id", id);
        event.put("previousEventId", previous);
        event.putAll(details);
        return event;
    }

    /** A DescribeStateMachineForExecution answer with this definition. */
    public static Map<String, Object> stateMachineForExecution(String stateMachineArn, String definition) {
        return Map.of(
                "stateMachineArn",
                stateMachineArn,
                "name",
                stateMachineArn.substring(stateMachineArn.lastIndexOf(':') + 1),
                "definition",
                definition,
                "roleArn",
                "arn:aws:iam::123456789012:role/sfn",
                "updateDate",
                1.7E9);
    }

    /** A DescribeMapRun answer whose item and execution counts are the same. */
    public static Map<String, Object> mapRun(
            String mapRunArn, String executionArn, String status, Map<String, Object> counts) {
        return Map.of(
                "mapRunArn", mapRunArn,
                "executionArn", executionArn,
                "status", status,
                "startDate", 1.7E9,
                "maxConcurrency", 100,
                "toleratedFailurePercentage", 5,
                "toleratedFailureCount", 0,
                "itemCounts", counts,
                "executionCounts", counts);
    }

    /** A Map Run's counts (MapRunItemCounts, MapRunExecutionCounts). */
    public static Map<String, Object> counts(
            long total, long pending, long running, long succeeded, long failed, long timedOut, long aborted) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("pending", pending);
        counts.put("running", running);
        counts.put("succeeded", succeeded);
        counts.put("failed", failed);
        counts.put("timedOut", timedOut);
        counts.put("aborted", aborted);
        counts.put("total", total);
        counts.put("resultsWritten", 0);
        return counts;
    }
}
