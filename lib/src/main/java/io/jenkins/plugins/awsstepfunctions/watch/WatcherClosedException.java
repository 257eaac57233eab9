package io.jenkins.plugins.awsstepfunctions.watch;

/** The watcher was closed (for example because Jenkins shuts down) while the watch was waiting. */
public class WatcherClosedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    WatcherClosedException(String execution) {
        super("Stopped waiting for " + execution + " because the watcher was closed; the execution keeps running"
                + " in Step Functions and a resumed watch picks it up again.");
    }
}
