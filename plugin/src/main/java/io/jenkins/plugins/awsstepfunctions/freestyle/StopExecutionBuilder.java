package io.jenkins.plugins.awsstepfunctions.freestyle;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.awsstepfunctions.action.StepFunctionsRunAction;
import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionResolver;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsException;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsOperations;
import io.jenkins.plugins.awsstepfunctions.execution.StopResult;
import io.jenkins.plugins.awsstepfunctions.forms.FormChecks;
import io.jenkins.plugins.awsstepfunctions.watch.ControllerEngine;
import io.jenkins.plugins.awsstepfunctions.watch.EngineStoppedException;
import java.io.IOException;
import java.time.Instant;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Freestyle "Stop AWS Step Functions execution": stops an execution unless it already ended. One that ended is
 * logged, and fails the build only with "Fail the build if the execution already ended".
 */
public final class StopExecutionBuilder extends FreestyleConnection {

    static final String DEFAULT_ERROR = "Jenkins.Stopped";

    private final String executionArn;
    private String error = DEFAULT_ERROR;
    private String cause;
    private boolean failIfEnded;

    @DataBoundConstructor
    public StopExecutionBuilder(String executionArn) {
        this.executionArn = Util.fixEmptyAndTrim(executionArn);
    }

    public String getExecutionArn() {
        return executionArn;
    }

    public String getError() {
        return error;
    }

    @DataBoundSetter
    public void setError(String error) {
        String given = Util.fixEmptyAndTrim(error);
        this.error = given == null ? DEFAULT_ERROR : given;
    }

    public String getCause() {
        return cause;
    }

    @DataBoundSetter
    public void setCause(String cause) {
        this.cause = Util.fixEmptyAndTrim(cause);
    }

    public boolean isFailIfEnded() {
        return failIfEnded;
    }

    @DataBoundSetter
    public void setFailIfEnded(boolean failIfEnded) {
        this.failIfEnded = failIfEnded;
    }

    @Override
    public boolean requiresWorkspace() {
        return false;
    }

    @Override
    public void perform(
            @NonNull Run<?, ?> run,
            @NonNull FilePath workspace,
            @NonNull EnvVars env,
            @NonNull Launcher launcher,
            @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        perform(run, env, listener);
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull EnvVars env, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        try {
            ExecutionArn execution = ExecutionArn.parse("executionArn", FreestyleConnection.expand(env, executionArn))
                    .requireStandard("executionArn");
            String why = cause != null
                    ? FreestyleConnection.expand(env, cause)
                    : "Stopped by the Jenkins build " + run.getFullDisplayName();
            ConnectionResolver.Resolved connection = ConnectionResolver.resolve(run, connection(env))
                    .forArn("executionArn", execution.toString(), execution.region());
            StopResult result;
            try (ClientLease lease =
                    ControllerEngine.get().clients().lease(connection.settings(), connection.credentials())) {
                result = new StepFunctionsOperations(lease)
                        .stopIfRunning(execution, FreestyleConnection.expand(env, error), why);
            }
            if (result.stopped()) {
                StepFunctionsRunAction.of(run).recordStopped(execution.toString(), Instant.now());
            } else if (failIfEnded) {
                throw new AbortException(result.describe() + " (Fail the build if the execution already ended)");
            }
            listener.getLogger().println(Messages.Log_Progress(result.describe()));
        } catch (InvalidSettingException | StepFunctionsException | EngineStoppedException e) {
            throw new AbortException(e.getMessage());
        }
    }

    @Extension
    public static final class DescriptorImpl extends FreestyleDescriptor {

        @Override
        public String getDisplayName() {
            return Messages.StopExecutionBuilder_DisplayName();
        }

        @POST
        public FormValidation doCheckExecutionArn(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.checkExecutionArn(item, value, FormChecks.Values.EXPANDED_BY_THE_BUILD);
        }
    }
}
