package io.jenkins.plugins.awsstepfunctions.events;

/**
 * A queue message that claims to be a Step Functions status change but cannot be read as one. Its message names the
 * field at fault and never quotes the message body (it may hold an execution's input or output).
 */
public final class MalformedEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MalformedEventException(String problem) {
        super(problem);
    }

    MalformedEventException(String problem, Throwable cause) {
        super(problem, cause);
    }
}
