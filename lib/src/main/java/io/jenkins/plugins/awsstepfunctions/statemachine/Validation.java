package io.jenkins.plugins.awsstepfunctions.statemachine;

import java.util.List;
import java.util.Map;

/**
 * What ValidateStateMachineDefinition said of a definition.
 *
 * @param passed the service's result is OK (no ERROR diagnostic)
 * @param truncated more diagnostics exist than were returned (at most 100)
 */
public record Validation(boolean passed, List<Diagnostic> diagnostics, boolean truncated) {

    public Validation {
        diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    public List<Diagnostic> warnings() {
        return diagnostics.stream().filter(d -> !d.isError()).toList();
    }

    public List<Map<String, String>> toMaps() {
        return diagnostics.stream().map(Diagnostic::toMap).toList();
    }

    /** One line for a build log. */
    public String summary() {
        return (passed ? "The definition is valid" : "The definition is not valid") + ": " + errors().size()
                + " errors, " + warnings().size() + " warnings" + (truncated ? " (more were not returned)" : "");
    }
}
