package io.jenkins.plugins.awsstepfunctions.forms;

import hudson.FilePath;
import hudson.Util;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.statemachine.Definitions;
import io.jenkins.plugins.awsstepfunctions.statemachine.Diagnostic;
import io.jenkins.plugins.awsstepfunctions.statemachine.Validation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parameters of the steps that take a state machine definition: where it comes from (text or a workspace file,
 * exactly one) and its type; for {@code sfnValidateDefinition} and its build step, what a WARNING diagnostic does.
 */
public final class DefinitionParameters {

    private DefinitionParameters() {}

    /** What a WARNING diagnostic does; an ERROR always fails. */
    public enum Warnings {
        FAIL,
        UNSTABLE,
        IGNORE;

        /** Any case; empty means UNSTABLE. */
        public static Warnings parse(String value) {
            String given = Util.fixEmptyAndTrim(value);
            if (given == null) {
                return UNSTABLE;
            }
            for (Warnings warnings : values()) {
                if (warnings.name().equals(given.toUpperCase(Locale.ROOT))) {
                    return warnings;
                }
            }
            throw new InvalidSettingException("warnings", "must be FAIL, UNSTABLE or IGNORE");
        }
    }

    /** How a validation ends the step. */
    public enum Outcome {
        PASSED,
        UNSTABLE,
        FAILED
    }

    /** Any ERROR fails; a WARNING fails, marks the build UNSTABLE or is ignored, as {@code warnings} says. */
    public static Outcome outcome(Validation validation, Warnings warnings) {
        if (!validation.passed() || !validation.errors().isEmpty()) {
            return Outcome.FAILED;
        }
        if (validation.warnings().isEmpty() || warnings == Warnings.IGNORE) {
            return Outcome.PASSED;
        }
        return warnings == Warnings.FAIL ? Outcome.FAILED : Outcome.UNSTABLE;
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

    /** Why the validation failed or made the build UNSTABLE: the summary and the first diagnostic that decided. */
    public static String explanation(String definitionFile, Validation validation, Warnings warnings) {
        List<Diagnostic> deciding = validation.errors().isEmpty() ? validation.warnings() : validation.errors();
        String first = deciding.isEmpty()
                ? ""
                : ": " + deciding.get(0).describe()
                        + (deciding.size() > 1 ? " (and " + (deciding.size() - 1) + " more above)" : "");
        return (definitionFile == null ? "" : definitionFile + ": ")
                + validation.summary()
                + first
                + (validation.errors().isEmpty() ? " (warnings: " + warnings + ")" : "");
    }

    /** Exactly one of the definition's text and its file. */
    public static void checkSource(String definition, String definitionFile) {
        if (definition == null && definitionFile == null) {
            throw new InvalidSettingException(
                    "definition",
                    "or definitionFile is required: the definition's Amazon States Language as text, or the path of"
                            + " its file in the workspace");
        }
        if (definition != null && definitionFile != null) {
            throw new InvalidSettingException(
                    "definitionFile", "cannot be combined with definition; give the definition one way only");
        }
    }

    /**
     * The text of a definition file in the workspace, read as UTF-8 once its size is known to be within Step
     * Functions' limit; see {@link WorkspaceFiles}.
     *
     * @param workspace the build's workspace; {@code null} when the step runs outside {@code node}
     * @throws InvalidSettingException naming {@code definitionFile}: no workspace, no such file, a path outside the
     *     workspace (also through a symbolic link), a file too large
     */
    public static String read(FilePath workspace, String definitionFile) throws IOException, InterruptedException {
        return WorkspaceFiles.read(
                workspace,
                "definitionFile",
                definitionFile,
                Definitions.MAX_DEFINITION,
                "definition",
                "Step Functions accepts definitions of at most " + Definitions.MAX_DEFINITION + " bytes");
    }

    public static ListBoxModel typeItems() {
        ListBoxModel items = new ListBoxModel();
        items.add("STANDARD", "STANDARD");
        items.add("EXPRESS", "EXPRESS");
        return items;
    }

    public static ListBoxModel warningsItems() {
        ListBoxModel items = new ListBoxModel();
        items.add("Mark the build UNSTABLE", Warnings.UNSTABLE.name());
        items.add("Fail", Warnings.FAIL.name());
        items.add("Ignore (still logged)", Warnings.IGNORE.name());
        return items;
    }
}
