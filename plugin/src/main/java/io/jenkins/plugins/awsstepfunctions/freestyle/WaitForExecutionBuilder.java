package io.jenkins.plugins.awsstepfunctions.freestyle;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionResolver;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsException;
import io.jenkins.plugins.awsstepfunctions.forms.FormChecks;
import io.jenkins.plugins.awsstepfunctions.forms.StepParameters;
import io.jenkins.plugins.awsstepfunctions.watch.EngineStoppedException;
import io.jenkins.plugins.awsstepfunctions.watch.WatchOptions;
import java.io.IOException;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** Freestyle "Wait for AWS Step Functions execution": exports SFN_EXECUTION_STATUS. */
public final class WaitForExecutionBuilder extends FreestyleConnection {

    private final String executionArn;
    private int pollInterval = (int) WatchOptions.DEFAULT_POLL_INTERVAL.toSeconds();
    private int timeout;
    private boolean stopOnAbort;
    private boolean unstableOnFailure;

    @DataBoundConstructor
    public WaitForExecutionBuilder(String executionArn) {
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

    public boolean isStopOnAbort() {
        return stopOnAbort;
    }

    @DataBoundSetter
    public void setStopOnAbort(boolean stopOnAbort) {
        this.stopOnAbort = stopOnAbort;
    }

    public boolean isUnstableOnFailure() {
        return unstableOnFailure;
    }

    @DataBoundSetter
    public void setUnstableOnFailure(boolean unstableOnFailure) {
        this.unstableOnFailure = unstableOnFailure;
    }

    @Override
    public boolean requiresWorkspace() {
        return false;
    }

    /** Needs no workspace: called by freestyle builds and by {@code step(...)} inside or outside {@code node}. */
    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull EnvVars env, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        try {
            StepParameters.checkWaiting(pollInterval, timeout);
            ExecutionArn execution = ExecutionArn.parse("executionArn", FreestyleConnection.expand(env, executionArn))
                    .requireStandard("executionArn");
            ConnectionResolver.Resolved connection = ConnectionResolver.resolve(run, connection(env));
            Outcomes.waitAndReport(
                    run, listener, execution, connection, pollInterval, timeout, stopOnAbort, unstableOnFailure);
        } catch (InvalidSettingException | StepFunctionsException | EngineStoppedException e) {
            throw new AbortException(e.getMessage());
        }
    }

    @Extension
    public static final class DescriptorImpl extends FreestyleDescriptor {

        @Override
        public String getDisplayName() {
            return Messages.WaitForExecutionBuilder_DisplayName();
        }

        @POST
        public FormValidation doCheckExecutionArn(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.checkExecutionArn(item, value, FormChecks.Values.EXPANDED_BY_THE_BUILD);
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
