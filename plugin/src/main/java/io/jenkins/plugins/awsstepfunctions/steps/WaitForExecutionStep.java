package io.jenkins.plugins.awsstepfunctions.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionParameters;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionResolver;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import io.jenkins.plugins.awsstepfunctions.forms.FormChecks;
import io.jenkins.plugins.awsstepfunctions.forms.StepParameters;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code sfnWaitForExecution}: waits for an execution without holding an executor or a thread, shows its progress in
 * the build log, and returns its output; fails with the failing state, error and cause unless it SUCCEEDED.
 */
public final class WaitForExecutionStep extends AbstractStepFunctionsStep {

    private final String executionArn;
    private int pollInterval = StepDefaults.pollInterval();
    private int timeout;
    private boolean failOnError = true;
    private boolean stopOnAbort;

    @DataBoundConstructor
    public WaitForExecutionStep(String executionArn) {
        this.executionArn = Util.fixEmptyAndTrim(executionArn);
    }

    public String getExecutionArn() {
        return executionArn;
    }

    public int getPollInterval() {
        return pollInterval;
    }

    @DataBoundSetter
    public void setPollInterval(int pollInterval) {
        this.pollInterval = pollInterval;
    }

    public int getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        this.timeout = timeout;
    }

    public boolean isFailOnError() {
        return failOnError;
    }

    @DataBoundSetter
    public void setFailOnError(boolean failOnError) {
        this.failOnError = failOnError;
    }

    public boolean isStopOnAbort() {
        return stopOnAbort;
    }

    @DataBoundSetter
    public void setStopOnAbort(boolean stopOnAbort) {
        this.stopOnAbort = stopOnAbort;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        try {
            ExecutionArn execution =
                    ExecutionArn.parse("executionArn", executionArn).requireStandard("executionArn");
            StepParameters.checkWaiting(pollInterval, timeout);
            return new Execution(context, connection(), execution, pollInterval, timeout, failOnError, stopOnAbort);
        } catch (InvalidSettingException e) {
            throw new AbortException("sfnWaitForExecution: " + e.getMessage());
        }
    }

    static final class Execution extends WaitingExecution {

        private static final long serialVersionUID = 1L;

        private final ExecutionArn execution;
        private final int pollInterval;
        private final int timeout;

        Execution(
                StepContext context,
                ConnectionParameters connection,
                ExecutionArn execution,
                int pollInterval,
                int timeout,
                boolean failOnError,
                boolean stopOnAbort) {
            super(context, connection, failOnError, stopOnAbort, false);
            this.execution = execution;
            this.pollInterval = pollInterval;
            this.timeout = timeout;
        }

        @Override
        public boolean start() {
            inBackground(() -> {
                ConnectionResolver.Resolved connection = resolve();
                waitFor(execution, connection.settings(), connection.credentials(), pollInterval, timeout);
            });
            return false;
        }

        /** Jenkins restarted before the watch was saved: the execution is known, so wait for it from the start. */
        @Override
        protected void resumeBeforeWaiting() {
            start();
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepFunctionsStepDescriptor {

        @Override
        public String getFunctionName() {
            return "sfnWaitForExecution";
        }

        @Override
        public String getDisplayName() {
            return "Wait for an AWS Step Functions execution";
        }

        @POST
        public FormValidation doCheckExecutionArn(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.checkExecutionArn(item, value, FormChecks.Values.AS_WRITTEN);
        }

        @POST
        public FormValidation doCheckPollInterval(@AncestorInPath Item item, @QueryParameter int value) {
            return FormChecks.checkPollInterval(item, value);
        }

        @POST
        public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter int value) {
            return FormChecks.checkTimeout(item, value);
        }
    }
}
