package io.jenkins.plugins.awsstepfunctions.graph;

/** A state machine definition that cannot be drawn; the message names where and what is wrong. */
public class DefinitionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DefinitionException(String message) {
        super(message);
    }
}
