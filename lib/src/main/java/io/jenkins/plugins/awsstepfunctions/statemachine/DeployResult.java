package io.jenkins.plugins.awsstepfunctions.statemachine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a deploy did.
 *
 * @param outcome CREATED, UPDATED or UNCHANGED (the definition and configuration were already the same)
 * @param versionArn the version this deploy published, or the existing version of an unchanged revision
 * @param aliasOutcome CREATED, UPDATED or UNCHANGED; null without an alias
 * @param warnings what validation warned of (a deploy with errors is refused)
 */
public record DeployResult(
        String stateMachineArn,
        Outcome outcome,
        String versionArn,
        String aliasArn,
        Outcome aliasOutcome,
        List<Diagnostic> warnings) {

    public enum Outcome {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    public DeployResult {
        warnings = List.copyOf(warnings);
    }

    public Optional<String> version() {
        return Optional.ofNullable(versionArn);
    }

    public Optional<String> alias() {
        return Optional.ofNullable(aliasArn);
    }

    /** Lines for a build log. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add(
                switch (outcome) {
                    case CREATED -> "Created " + stateMachineArn;
                    case UPDATED -> "Updated " + stateMachineArn;
                    case UNCHANGED -> stateMachineArn + " already has this definition and configuration; not updated";
                });
        if (versionArn != null) {
            lines.add("Version " + versionArn);
        }
        if (aliasArn != null) {
            lines.add("Alias " + aliasArn
                    + (aliasOutcome == Outcome.UNCHANGED
                            ? " (unchanged)"
                            : " (" + aliasOutcome.name().toLowerCase(java.util.Locale.ROOT) + ")"));
        }
        return lines;
    }

    /** For a Pipeline: stateMachineArn, outcome, versionArn, aliasArn (absent ones left out). */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("stateMachineArn", stateMachineArn);
        map.put("outcome", outcome.name());
        if (versionArn != null) {
            map.put("versionArn", versionArn);
        }
        if (aliasArn != null) {
            map.put("aliasArn", aliasArn);
        }
        return map;
    }
}
