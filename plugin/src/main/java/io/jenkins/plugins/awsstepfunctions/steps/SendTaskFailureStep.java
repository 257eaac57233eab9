package io.jenkins.plugins.awsstepfunctions.steps;

import hudson.Extension;
import hudson.Util;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionParameters;
import io.jenkins.plugins.awsstepfunctions.tasks.TaskTokens;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code sfnSendTaskFailure}: the task waiting for this task token fails with the given error and cause
 * (SendTaskFailure); the state machine's Retry and Catch see the error.
 */
public final class SendTaskFailureStep extends TaskTokenStep {

    private String error;
    private String cause;

    @DataBoundConstructor
    public SendTaskFailureStep() {}

    /** What a Catch or Retry of the state machine matches on, e.g. {@code Jenkins.BuildFailed}. */
    public String getError() {
        return error;
    }

    @DataBoundSetter
    public void setError(String error) {
        this.error = Util.fixEmptyAndTrim(error);
    }

    public String getCause() {
        return cause;
    }

    @DataBoundSetter
    public void setCause(String cause) {
        this.cause = Util.fixEmptyAndTrim(cause);
    }

    @Override
    StepExecution start(StepContext context, Token token) throws Exception {
        return new Execution(context, connection(), token, error, cause);
    }

    static final class Execution extends TokenExecution {

        private static final long serialVersionUID = 1L;

        private final String error;
        private final String cause;

        Execution(StepContext context, ConnectionParameters connection, Token token, String error, String cause) {
            super(context, connection, "sfnSendTaskFailure", token);
            this.error = error;
            this.cause = cause;
        }

        @Override
        String answer(TaskTokens tokens, String token) {
            tokens.failure(token, error, cause);
            return "Told the waiting task it failed" + (error == null ? "" : " with " + error);
        }
    }

    @Extension
    public static final class DescriptorImpl extends TokenDescriptor {

        @Override
        public String getFunctionName() {
            return "sfnSendTaskFailure";
        }

        @Override
        public String getDisplayName() {
            return "Tell an AWS Step Functions task waiting for a task token that it failed";
        }
    }
}
