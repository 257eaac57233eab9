package io.jenkins.plugins.awsstepfunctions.watch;

/** Jenkins is shutting down and the engine has stopped; a waiting step resumes after the restart. */
public final class EngineStoppedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    EngineStoppedException() {
        super("Jenkins is shutting down; AWS Step Functions steps resume after the restart");
    }
}
