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
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionResolver;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsException;
import io.jenkins.plugins.awsstepfunctions.forms.DefinitionParameters;
import io.jenkins.plugins.awsstepfunctions.forms.FormChecks;
import io.jenkins.plugins.awsstepfunctions.forms.StateMachineParameters;
import io.jenkins.plugins.awsstepfunctions.statemachine.Definitions;
import io.jenkins.plugins.awsstepfunctions.statemachine.DeployRequest;
import io.jenkins.plugins.awsstepfunctions.statemachine.DeployResult;
import io.jenkins.plugins.awsstepfunctions.statemachine.Deployments;
import io.jenkins.plugins.awsstepfunctions.statemachine.Diagnostic;
import io.jenkins.plugins.awsstepfunctions.statemachine.ExecutionRoleArn;
import io.jenkins.plugins.awsstepfunctions.statemachine.Routing;
import io.jenkins.plugins.awsstepfunctions.watch.ControllerEngine;
import io.jenkins.plugins.awsstepfunctions.watch.EngineStoppedException;
import java.io.IOException;
import java.util.Locale;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Freestyle "Deploy AWS Step Functions state machine": as {@code sfnDeployStateMachine}; exports
 * SFN_STATE_MACHINE_ARN, and SFN_STATE_MACHINE_VERSION_ARN and SFN_STATE_MACHINE_ALIAS_ARN when there are a version
 * and an alias.
 */
public final class DeployStateMachineBuilder extends FreestyleConnection {

    private final String name;
    private String definition;
    private String definitionFile;
    private String executionRoleArn;
    private String type = "STANDARD";
    private String loggingLevel = "OFF";
    private boolean includeExecutionData;
    private String logGroupArn;
    private boolean tracing;
    private boolean publish;
    private String versionDescription;
    private String alias;
    private String routing;

    @DataBoundConstructor
    public DeployStateMachineBuilder(String name) {
        this.name = Util.fixEmptyAndTrim(name);
    }

    public String getName() {
        return name;
    }

    /** The Amazon States Language as text, used as written: {@code $} is JSONPath's, never a build variable. */
    public String getDefinition() {
        return definition;
    }

    @DataBoundSetter
    public void setDefinition(String definition) {
        this.definition = definition == null || definition.isBlank() ? null : definition;
    }

    /** A path relative to the workspace; build variables are expanded. */
    public String getDefinitionFile() {
        return definitionFile;
    }

    @DataBoundSetter
    public void setDefinitionFile(String definitionFile) {
        this.definitionFile = Util.fixEmptyAndTrim(definitionFile);
    }

    public String getExecutionRoleArn() {
        return executionRoleArn;
    }

    @DataBoundSetter
    public void setExecutionRoleArn(String executionRoleArn) {
        this.executionRoleArn = Util.fixEmptyAndTrim(executionRoleArn);
    }

    public String getType() {
        return type;
    }

    @DataBoundSetter
    public void setType(String type) {
        String given = Util.fixEmptyAndTrim(type);
        this.type = given == null ? "STANDARD" : given.toUpperCase(Locale.ROOT);
    }

    public String getLoggingLevel() {
        return loggingLevel;
    }

    @DataBoundSetter
    public void setLoggingLevel(String loggingLevel) {
        String given = Util.fixEmptyAndTrim(loggingLevel);
        this.loggingLevel = given == null ? "OFF" : given.toUpperCase(Locale.ROOT);
    }

    public boolean isIncludeExecutionData() {
        return includeExecutionData;
    }

    @DataBoundSetter
    public void setIncludeExecutionData(boolean includeExecutionData) {
        this.includeExecutionData = includeExecutionData;
    }

    public String getLogGroupArn() {
        return logGroupArn;
    }

    @DataBoundSetter
    public void setLogGroupArn(String logGroupArn) {
        this.logGroupArn = Util.fixEmptyAndTrim(logGroupArn);
    }

    public boolean isTracing() {
        return tracing;
    }

    @DataBoundSetter
    public void setTracing(boolean tracing) {
        this.tracing = tracing;
    }

    public boolean isPublish() {
        return publish;
    }

    @DataBoundSetter
    public void setPublish(boolean publish) {
        this.publish = publish;
    }

    public String getVersionDescription() {
        return versionDescription;
    }

    @DataBoundSetter
    public void setVersionDescription(String versionDescription) {
        this.versionDescription = Util.fixEmptyAndTrim(versionDescription);
    }

    public String getAlias() {
        return alias;
    }

    @DataBoundSetter
    public void setAlias(String alias) {
        this.alias = Util.fixEmptyAndTrim(alias);
    }

    /** version=weight pairs, such as {@code new=10,3=90}. */
    public String getRouting() {
        return routing;
    }

    @DataBoundSetter
    public void setRouting(String routing) {
        this.routing = Util.fixEmptyAndTrim(routing);
    }

    @Override
    public boolean requiresWorkspace() {
        return definitionFile != null;
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

    /** With the definition as text no workspace is needed: {@code step(...)} outside {@code node} calls this. */
    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull EnvVars env, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        performWith(run, null, env, listener);
    }

    private void performWith(Run<?, ?> run, @CheckForNull FilePath workspace, EnvVars env, TaskListener listener)
            throws InterruptedException, IOException {
        try {
            String file = FreestyleConnection.expand(env, definitionFile);
            Definitions.checkSource(definition, file);
            String role = ExecutionRoleArn.check(FreestyleConnection.expand(env, executionRoleArn), true);
            String description = FreestyleConnection.expand(env, versionDescription);
            DeployRequest request = DeployRequest.builder()
                    .name(FreestyleConnection.expand(env, name))
                    .definition(file == null ? definition : DefinitionParameters.read(workspace, file))
                    .roleArn(role)
                    .type(type)
                    .logging(loggingLevel, includeExecutionData, FreestyleConnection.expand(env, logGroupArn))
                    .tracing(tracing)
                    .publish(
                            publish,
                            description != null ? description : StateMachineParameters.defaultVersionDescription(run))
                    .alias(
                            FreestyleConnection.expand(env, alias),
                            Routing.parseText(FreestyleConnection.expand(env, routing)))
                    .build();
            ConnectionResolver.Resolved connection = ConnectionResolver.resolve(run, connection(env));
            listener.getLogger()
                    .println(Messages.Log_Progress(
                            request.describe(connection.settings().region().orElse(null), file)));
            DeployResult result;
            try (ClientLease lease =
                    ControllerEngine.get().clients().lease(connection.settings(), connection.credentials())) {
                result = new Deployments(lease).deploy(request);
            }
            for (Diagnostic warning : result.warnings()) {
                listener.getLogger().println(Messages.Log_Progress(warning.describe()));
            }
            for (String line : result.describe()) {
                listener.getLogger().println(Messages.Log_Progress(line));
            }
            ExportedVariables.export(run, "SFN_STATE_MACHINE_ARN", result.stateMachineArn());
            result.version().ifPresent(arn -> ExportedVariables.export(run, "SFN_STATE_MACHINE_VERSION_ARN", arn));
            result.alias().ifPresent(arn -> ExportedVariables.export(run, "SFN_STATE_MACHINE_ALIAS_ARN", arn));
        } catch (InvalidSettingException | StepFunctionsException | EngineStoppedException e) {
            throw new AbortException(e.getMessage());
        }
    }

    @Extension
    public static final class DescriptorImpl extends FreestyleDescriptor {

        @Override
        public String getDisplayName() {
            return Messages.DeployStateMachineBuilder_DisplayName();
        }

        @POST
        public FormValidation doCheckName(@AncestorInPath Item item, @QueryParameter String value) {
            FormChecks.requireConfigure(item);
            if (Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.error("name is required");
            }
            return FormChecks.checkName(item, value, FormChecks.Values.EXPANDED_BY_THE_BUILD);
        }

        @POST
        public FormValidation doCheckExecutionRoleArn(@AncestorInPath Item item, @QueryParameter String value) {
            FormChecks.requireConfigure(item);
            if (Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.error("executionRoleArn is required");
            }
            return FormChecks.checkRoleArn(item, "executionRoleArn", value, FormChecks.Values.EXPANDED_BY_THE_BUILD);
        }

        @POST
        public FormValidation doCheckRouting(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.checkRouting(item, value, FormChecks.Values.EXPANDED_BY_THE_BUILD);
        }

        @POST
        public ListBoxModel doFillTypeItems(@AncestorInPath Item item) {
            FormChecks.requireConfigure(item);
            return DefinitionParameters.typeItems();
        }

        @POST
        public ListBoxModel doFillLoggingLevelItems(@AncestorInPath Item item) {
            FormChecks.requireConfigure(item);
            return StateMachineParameters.loggingLevelItems();
        }
    }
}
