package io.jenkins.plugins.awsstepfunctions.graph;

import java.util.List;
import java.util.Objects;

/**
 * One state of a definition, as far as a diagram needs it.
 *
 * @param name the state's name (unique in the whole state machine, as the States Language requires)
 * @param type {@code Task}, {@code Pass}, {@code Choice}, {@code Wait}, {@code Parallel}, {@code Map}, {@code Succeed}
 *     or {@code Fail}
 * @param transitions where it can go next, in the definition's order: Next, Choices, Default, then Catch rules
 * @param end whether it ends its scope ({@code End: true}, or a Succeed or Fail state)
 * @param retries how many Retry rules it has
 * @param children a Parallel state's branches, a Map state's item processor; empty otherwise
 * @param distributed whether a Map state runs in DISTRIBUTED mode (its items are child executions)
 * @param error a Fail state's {@code Error} as written (a JSONata expression stays as it is), or {@code null}
 * @param cause a Fail state's {@code Cause} as written, or {@code null}
 */
public record StateSpec(
        String name,
        String type,
        List<Transition> transitions,
        boolean end,
        int retries,
        List<Scope> children,
        boolean distributed,
        String error,
        String cause) {

    public StateSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        transitions = List.copyOf(transitions);
        children = List.copyOf(children);
    }

    public boolean isGroup() {
        return !children.isEmpty();
    }
}
