package io.jenkins.plugins.awsstepfunctions.statemachine;

import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a WARNING diagnostic of a validation does to the step ({@code warnings:}); an ERROR always fails it. Also what
 * the step prints and why it ends as it does, the same for the Pipeline step and the build step.
 */
public enum WarningPolicy {
    FAIL,
    UNSTABLE,
    IGNORE;

    /** How a validation ends the step. */
    public enum Outcome {
        PASSED,
        UNSTABLE,
        FAILED
    }

    /**
     * Any case; {@code null} or blank means {@link #UNSTABLE}.
     *
     * @throws InvalidSettingException naming {@code warnings}
     */
    public static WarningPolicy parse(String value) {
        if (value == null || value.isBlank()) {
            return UNSTABLE;
        }
        String given = value.strip().toUpperCase(Locale.ROOT);
        for (WarningPolicy policy : values()) {
            if (policy.name().equals(given)) {
                return policy;
            }
        }
        throw new InvalidSettingException("warnings", "must be FAIL, UNSTABLE or IGNORE, not '" + value.strip() + "'");
    }

    /** Any ERROR fails; a WARNING fails, marks the build UNSTABLE or is ignored, as this policy says. */
    public Outcome outcome(Validation validation) {
        if (!validation.passed() || !validation.errors().isEmpty()) {
            return Outcome.FAILED;
        }
        if (validation.warnings().isEmpty() || this == IGNORE) {
            return Outcome.PASSED;
        }
        return this == FAIL ? Outcome.FAILED : Outcome.UNSTABLE;
    }

    /** Why the validation failed or made the build UNSTABLE: the summary and the first diagnostic that decided. */
    public String explanation(String definitionFile, Validation validation) {
        List<Diagnostic> deciding = validation.errors().isEmpty() ? validation.warnings() : validation.errors();
        String first = deciding.isEmpty()
                ? ""
                : ": " + deciding.get(0).describe()
                        + (deciding.size() > 1 ? " (and " + (deciding.size() - 1) + " more above)" : "");
        return (definitionFile == null ? "" : definitionFile + ": ")
                + validation.summary()
                + first
                + (validation.passed() && validation.errors().isEmpty() ? " (warnings: " + this + ")" : "");
    }

    /** What was validated, with the summary, then every diagnostic: the lines for the build log. */
    public static List<String> logLines(String definitionFile, String type, Validation validation) {
        List<String> lines = new ArrayList<>();
        lines.add("Validated " + (definitionFile == null ? "the definition" : definitionFile) + " as a " + type
                + " state machine: " + validation.summary());
        for (Diagnostic diagnostic : validation.diagnostics()) {
            lines.add(diagnostic.describe());
        }
        return lines;
    }
}
