package io.jenkins.plugins.awsstepfunctions.graph;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The states of a state machine, of one Parallel branch or of a Map state's item processor.
 *
 * @param startAt the name of the first state
 * @param states the states in the definition's order
 */
public record Scope(String startAt, List<StateSpec> states) {

    public Scope {
        Objects.requireNonNull(startAt, "startAt");
        states = List.copyOf(states);
    }

    public Optional<StateSpec> state(String name) {
        return states.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Every state of this scope and of the scopes nested in it, depth first. */
    public List<StateSpec> allStates() {
        List<StateSpec> all = new java.util.ArrayList<>();
        for (StateSpec state : states) {
            all.add(state);
            for (Scope child : state.children()) {
                all.addAll(child.allStates());
            }
        }
        return all;
    }
}
