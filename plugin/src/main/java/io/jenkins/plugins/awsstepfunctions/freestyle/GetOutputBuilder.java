package io.jenkins.plugins.awsstepfunctions.freestyle;

import edu.umd.cs.findbugs.annotations.CheckForNull;
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
import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionResolver;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionNotSucceededException;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsException;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsOperations;
import io.jenkins.plugins.awsstepfunctions.forms.FormChecks;
import io.jenkins.plugins.awsstepfunctions.json.Json;
import io.jenkins.plugins.awsstepfunctions.watch.ControllerEngine;
import io.jenkins.plugins.awsstepfunctions.watch.EngineStoppedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Freestyle "Get AWS Step Functions execution output": writes the output JSON to a workspace file and exports it as
 * SFN_OUTPUT when it is small enough for an environment variable.
 */
public final class GetOutputBuilder extends FreestyleConnection {

    /** Larger outputs go to the file only: environment variables of this size already strain some platforms. */
    static final int MAX_EXPORTED_BYTES = 32 * 1024;

    private final String executionArn;
    private String outputFile;
    private boolean unstableOnFailure;

    @DataBoundConstructor
    public GetOutputBuilder(String executionArn) {
        this.executionArn = Util.fixEmptyAndTrim(executionArn);
    }

    public String getExecutionArn() {
        return executionArn;
    }

    /** A path relative to the workspace, e.g. {@code sfn-output.json}. */
    public String getOutputFile() {
        return outputFile;
    }

    @DataBoundSetter
    public void setOutputFile(String outputFile) {
        this.outputFile = Util.fixEmptyAndTrim(outputFile);
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
        return outputFile != null;
    }

    @Override
    public void perform(
            @NonNull Run<?, ?> run,
            @NonNull FilePath workspace,
            @NonNull EnvVars env,
            @NonNull Launcher launcher,
            @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        performWith(run, workspace, env, listener);
    }

    /** Without {@code outputFile} no workspace is needed: {@code step(...)} outside {@code node} calls this. */
    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull EnvVars env, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        performWith(run, null, env, listener);
    }

    private void performWith(Run<?, ?> run, @CheckForNull FilePath workspace, EnvVars env, TaskListener listener)
            throws InterruptedException, IOException {
        try {
            ExecutionArn execution = ExecutionArn.parse("executionArn", FreestyleConnection.expand(env, executionArn))
                    .requireStandard("executionArn");
            ConnectionResolver.Resolved connection = ConnectionResolver.resolve(run, connection(env))
                    .forArn("executionArn", execution.toString(), execution.region());
            String json;
            try (ClientLease lease =
                    ControllerEngine.get().clients().lease(connection.settings(), connection.credentials())) {
                json = Json.write("output", new StepFunctionsOperations(lease).output(execution));
            }
            String file = FreestyleConnection.expand(env, outputFile);
            if (file != null) {
                if (workspace == null) {
                    throw new AbortException(Messages.Error_NoWorkspace(file));
                }
                workspace.child(file).write(json, StandardCharsets.UTF_8.name());
                listener.getLogger().println(Messages.Log_OutputWritten(execution, file));
            }
            if (json.getBytes(StandardCharsets.UTF_8).length <= MAX_EXPORTED_BYTES) {
                ExportedVariables.export(run, "SFN_OUTPUT", json);
            } else {
                listener.getLogger().println(Messages.Log_OutputTooLargeToExport(MAX_EXPORTED_BYTES));
            }
        } catch (ExecutionNotSucceededException e) {
            if (e.report().isEmpty()) {
                throw new AbortException(e.getMessage());
            }
            Outcomes.failed(run, listener, e.getMessage(), unstableOnFailure);
        } catch (InvalidSettingException | StepFunctionsException | EngineStoppedException e) {
            throw new AbortException(e.getMessage());
        }
    }

    @Extension
    public static final class DescriptorImpl extends FreestyleDescriptor {

        @Override
        public String getDisplayName() {
            return Messages.GetOutputBuilder_DisplayName();
        }

        @POST
        public FormValidation doCheckExecutionArn(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.checkExecutionArn(item, value, FormChecks.Values.EXPANDED_BY_THE_BUILD);
        }
    }
}
