package io.jenkins.plugins.awsstepfunctions.steps;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.actions.ArgumentsAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

/**
 * A step's recorded arguments with one of them replaced by {@link NotStoredReason#MASKED_VALUE}. Pipeline records every
 * argument of a step in its flow graph (shown by Pipeline Steps, kept in the build's directory) and masks only the
 * values of bound credentials; a task token given as plain text would be kept as it was written.
 */
final class MaskedArguments extends ArgumentsAction {

    private final Map<String, Object> arguments;

    private MaskedArguments(Map<String, Object> arguments) {
        this.arguments = arguments;
    }

    /** Replaces the node's recorded value of {@code name}, if it recorded one, by a masked placeholder. */
    static void mask(FlowNode node, String name) {
        if (node == null) {
            return;
        }
        ArgumentsAction recorded = node.getPersistentAction(ArgumentsAction.class);
        if (recorded == null) {
            return;
        }
        Object value = recorded.getArgumentValueOrReason(name);
        if (value == null || value instanceof NotStoredReason) {
            return;
        }
        Map<String, Object> masked = new LinkedHashMap<>(recorded.getArguments());
        masked.put(name, NotStoredReason.MASKED_VALUE);
        node.replaceActions(ArgumentsAction.class, new MaskedArguments(masked));
    }

    @Override
    protected Map<String, Object> getArgumentsInternal() {
        return Collections.unmodifiableMap(arguments);
    }
}
