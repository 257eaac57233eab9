package io.jenkins.plugins.awsstepfunctions.statemachine;

import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What TestState said: the status (SUCCEEDED, FAILED, RETRIABLE or CAUGHT_ERROR), the output and next state, the
 * error and cause, and the inspection data (the input after each processing step, the task's result, and at TRACE
 * the HTTP request and response) as plain maps and strings.
 */
public record StateTestResult(
        String status,
        String outputJson,
        String nextState,
        String error,
        String cause,
        Map<String, Object> inspection) {

    /** TestState's statuses, what a step may expect. */
    public static final List<String> STATUSES = List.of("SUCCEEDED", "FAILED", "RETRIABLE", "CAUGHT_ERROR");

    public StateTestResult {
        inspection = inspection == null ? Map.of() : Map.copyOf(inspection);
    }

    /**
     * The status a step expects, in any case; SUCCEEDED when not given.
     *
     * @throws InvalidSettingException naming {@code expectStatus}
     */
    public static String expectedStatus(String value) {
        String status =
                value == null || value.isBlank() ? "SUCCEEDED" : value.strip().toUpperCase(Locale.ROOT);
        if (!STATUSES.contains(status)) {
            throw new InvalidSettingException(
                    "expectStatus", "must be one of " + String.join(", ", STATUSES) + ", not '" + value.strip() + "'");
        }
        return status;
    }

    public Optional<String> output() {
        return Optional.ofNullable(outputJson);
    }

    /** One line for a build log. */
    public String describe() {
        return "TestState: " + status + (nextState == null ? "" : ", next state " + nextState)
                + (error == null ? "" : ", " + error + (cause == null ? "" : ": " + cause));
    }

    /** For a Pipeline: status, output, nextState, error, cause, inspectionData (absent values left out). */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("status", status);
        putIfPresent(map, "output", outputJson);
        putIfPresent(map, "nextState", nextState);
        putIfPresent(map, "error", error);
        putIfPresent(map, "cause", cause);
        map.put("inspectionData", new LinkedHashMap<>(inspection));
        return map;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
