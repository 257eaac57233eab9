package io.jenkins.plugins.awsstepfunctions.watch;

/**
 * A watch ended because something failed unexpectedly while it waited (an Error from a credentials provider, a
 * listener that threw): the execution itself is untouched and keeps running.
 */
public class WatchFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    WatchFailedException(String execution, String what, Throwable cause) {
        super(
                "Stopped waiting for " + execution + ": " + what + " failed with "
                        + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
                        + ". The execution keeps running in Step Functions.",
                cause);
    }
}
