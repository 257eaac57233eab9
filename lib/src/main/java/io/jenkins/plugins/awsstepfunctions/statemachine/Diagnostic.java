package io.jenkins.plugins.awsstepfunctions.statemachine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One finding of ValidateStateMachineDefinition.
 *
 * @param severity ERROR or WARNING
 * @param code e.g. {@code SCHEMA_VALIDATION_FAILED}
 * @param location where in the definition, e.g. {@code /States/Choose/Default}; empty when the service gives none
 */
public record Diagnostic(String severity, String code, String message, String location) {

    public boolean isError() {
        return "ERROR".equals(severity);
    }

    /** One line for a build log: {@code ERROR SCHEMA_VALIDATION_FAILED at /States/X: message}. */
    public String describe() {
        return severity + " " + code + (location.isEmpty() ? "" : " at " + location) + ": " + message;
    }

    /** For a Pipeline: severity, code, message, location. */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("severity", severity);
        map.put("code", code);
        map.put("message", message);
        map.put("location", location);
        return map;
    }
}
