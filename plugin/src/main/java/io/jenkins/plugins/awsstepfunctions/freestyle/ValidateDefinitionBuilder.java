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
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionResolver;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsException;
import io.jenkins.plugins.awsstepfunctions.forms.DefinitionParameters;
import io.jenkins.plugins.awsstepfunctions.forms.FormChecks;
import io.jenkins.plugins.awsstepfunctions.statemachine.Definitions;
import io.jenkins.plugins.awsstepfunctions.statemachine.Validation;
import io.jenkins.plugins.awsstepfunctions.statemachine.WarningPolicy;
import io.jenkins.plugins.awsstepfunctions.watch.ControllerEngine;
import io.jenkins.plugins.awsstepfunctions.watch.EngineStoppedException;
import java.io.IOException;
import java.util.Locale;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.verb.POST;

/**
 * Freestyle "Validate AWS Step Functions state machine definition": ValidateStateMachineDefinition on a workspace file
 * or on text; every diagnostic is logged, any ERROR fails the build, a WARNING fails it, marks it UNSTABLE or is
 * ignored.
 */
public final class ValidateDefinitionBuilder extends FreestyleConnection {

    private String definition;
    private String definitionFile;
    private String type = "STANDARD";
    private String warnings = WarningPolicy.UNSTABLE.name();

    @DataBoundConstructor
    public ValidateDefinitionBuilder() {}

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

    public String getType() {
        return type;
    }

    @DataBoundSetter
    public void setType(String type) {
        String given = Util.fixEmptyAndTrim(type);
        this.type = given == null ? "STANDARD" : given.toUpperCase(Locale.ROOT);
    }

    public String getWarnings() {
        return warnings;
    }

    @DataBoundSetter
    public void setWarnings(String warnings) {
        String given = Util.fixEmptyAndTrim(warnings);
        this.warnings = given == null ? WarningPolicy.UNSTABLE.name() : given.toUpperCase(Locale.ROOT);
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
            WarningPolicy policy = WarningPolicy.parse(warnings);
            String text = file == null ? definition : DefinitionParameters.read(workspace, file);
            ConnectionResolver.Resolved connection = ConnectionResolver.resolve(run, connection(env));
            Validation validation;
            try (ClientLease lease =
                    ControllerEngine.get().clients().lease(connection.settings(), connection.credentials())) {
                validation = new Definitions(lease).validate(text, type);
            }
            for (String line : WarningPolicy.logLines(file, type, validation)) {
                listener.getLogger().println(Messages.Log_Progress(line));
            }
            WarningPolicy.Outcome outcome = policy.outcome(validation);
            if (outcome != WarningPolicy.Outcome.PASSED) {
                Outcomes.failed(
                        run, listener, policy.explanation(file, validation), outcome == WarningPolicy.Outcome.UNSTABLE);
            }
        } catch (InvalidSettingException | StepFunctionsException | EngineStoppedException e) {
            throw new AbortException(e.getMessage());
        }
    }

    @Extension
    public static final class DescriptorImpl extends FreestyleDescriptor {

        @Override
        public String getDisplayName() {
            return Messages.ValidateDefinitionBuilder_DisplayName();
        }

        @POST
        public ListBoxModel doFillTypeItems(@AncestorInPath Item item) {
            FormChecks.requireConfigure(item);
            return DefinitionParameters.typeItems();
        }

        @POST
        public ListBoxModel doFillWarningsItems(@AncestorInPath Item item) {
            FormChecks.requireConfigure(item);
            return DefinitionParameters.warningsItems();
        }
    }
}
