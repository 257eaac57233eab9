package io.jenkins.plugins.awsstepfunctions.graph;

import java.util.Objects;

/**
 * One arrow of a state machine: where a state can go next and why.
 *
 * @param kind what makes the state go there
 * @param target the name of the state it goes to, in the same scope
 * @param label what the diagram writes on the arrow: a Choice rule's condition, a Catch's errors; empty for Next
 */
public record Transition(Kind kind, String target, String label) {

    /** Why a state goes to another. */
    public enum Kind {
        /** {@code Next} of a state. */
        NEXT,
        /** One of a Choice state's {@code Choices}. */
        CHOICE,
        /** A Choice state's {@code Default}. */
        DEFAULT,
        /** A {@code Catch} rule: the state failed with one of the errors. */
        CATCH
    }

    public Transition {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        label = label == null ? "" : label;
    }
}
