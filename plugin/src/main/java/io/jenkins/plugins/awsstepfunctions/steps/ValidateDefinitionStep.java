package io.jenkins.plugins.awsstepfunctions.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.console.ConsoleLines;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionParameters;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionResolver;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsException;
import io.jenkins.plugins.awsstepfunctions.forms.DefinitionParameters;
import io.jenkins.plugins.awsstepfunctions.forms.FormChecks;
import io.jenkins.plugins.awsstepfunctions.statemachine.Definitions;
import io.jenkins.plugins.awsstepfunctions.statemachine.Validation;
import io.jenkins.plugins.awsstepfunctions.statemachine.WarningPolicy;
import io.jenkins.plugins.awsstepfunctions.watch.ControllerEngine;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Set;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code sfnValidateDefinition}: checks a state machine definition with Step Functions itself
 * (ValidateStateMachineDefinition), logs every diagnostic and returns them as a list of maps. Any ERROR fails the
 * step; a WARNING fails it, marks the build UNSTABLE or is ignored, as {@code warnings} says.
 */
public final class ValidateDefinitionStep extends AbstractStepFunctionsStep {

    private String definition;
    private String definitionFile;
    private String type = "STANDARD";
    private String warnings = WarningPolicy.UNSTABLE.name();

    @DataBoundConstructor
    public ValidateDefinitionStep() {}

    /** The Amazon States Language, as text. */
    public String getDefinition() {
        return definition;
    }

    @DataBoundSetter
    public void setDefinition(String definition) {
        this.definition = definition == null || definition.isBlank() ? null : definition;
    }

    /** A path relative to the workspace (the step then needs {@code node}). */
    public String getDefinitionFile() {
        return definitionFile;
    }

    @DataBoundSetter
    public void setDefinitionFile(String definitionFile) {
        this.definitionFile = Util.fixEmptyAndTrim(definitionFile);
    }

    /** STANDARD or EXPRESS: some rules differ between the two. */
    public String getType() {
        return type;
    }

    @DataBoundSetter
    public void setType(String type) {
        String given = Util.fixEmptyAndTrim(type);
        this.type = given == null ? "STANDARD" : given.toUpperCase(Locale.ROOT);
    }

    /** FAIL, UNSTABLE or IGNORE: what a WARNING does. */
    public String getWarnings() {
        return warnings;
    }

    @DataBoundSetter
    public void setWarnings(String warnings) {
        String given = Util.fixEmptyAndTrim(warnings);
        this.warnings = given == null ? WarningPolicy.UNSTABLE.name() : given.toUpperCase(Locale.ROOT);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        try {
            Definitions.checkSource(definition, definitionFile);
            return new Execution(
                    context, connection(), definition, definitionFile, type, WarningPolicy.parse(warnings));
        } catch (InvalidSettingException e) {
            throw new AbortException("sfnValidateDefinition: " + e.getMessage());
        }
    }

    static final class Execution extends BackgroundExecution {

        private static final long serialVersionUID = 1L;

        private final String definition;
        private final String definitionFile;
        private final String type;
        private final WarningPolicy warnings;

        Execution(
                StepContext context,
                ConnectionParameters connection,
                String definition,
                String definitionFile,
                String type,
                WarningPolicy warnings) {
            super(context, connection);
            this.definition = definition;
            this.definitionFile = definitionFile;
            this.type = type;
            this.warnings = warnings;
        }

        @Override
        public boolean start() {
            inBackground(this::validate);
            return false;
        }

        private void validate() throws Exception {
            TaskListener listener = listener();
            String text;
            try {
                text = definitionFile == null
                        ? definition
                        : DefinitionParameters.read(getContext().get(FilePath.class), definitionFile);
            } catch (InvalidSettingException e) {
                throw new AbortException("sfnValidateDefinition: " + e.getMessage());
            }
            ConnectionResolver.Resolved connection = resolve();
            Validation validation;
            try (ClientLease lease =
                    ControllerEngine.get().clients().lease(connection.settings(), connection.credentials())) {
                validation = new Definitions(lease).validate(text, type);
            } catch (InvalidSettingException | StepFunctionsException e) {
                throw new AbortException("sfnValidateDefinition: " + e.getMessage());
            }
            if (stopping()) {
                return;
            }
            for (String line : WarningPolicy.logLines(definitionFile, type, validation)) {
                listener.getLogger().println(ConsoleLines.PREFIX + line);
            }
            String explanation = warnings.explanation(definitionFile, validation);
            switch (warnings.outcome(validation)) {
                case FAILED -> throw new AbortException("sfnValidateDefinition: " + explanation);
                case UNSTABLE -> unstable(run(), listener, explanation);
                case PASSED -> {}
            }
            succeed(new ArrayList<>(validation.toMaps()));
        }

        /** As the {@code unstable} step does: the step's node carries the warning, the build is UNSTABLE. */
        private void unstable(Run<?, ?> run, TaskListener listener, String message) throws Exception {
            FlowNode node = getContext().get(FlowNode.class);
            if (node != null) {
                node.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(message));
            }
            run.setResult(Result.UNSTABLE);
            listener.getLogger().println(ConsoleLines.PREFIX + message + "; the build is UNSTABLE");
        }

        /** Validating is read-only: after a restart the step validates again. */
        @Override
        public void onResume() {
            inBackground(this::validate);
        }

        @Override
        public String getStatus() {
            return "validating " + (definitionFile == null ? "a state machine definition" : definitionFile);
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepFunctionsStepDescriptor {

        @Override
        public String getFunctionName() {
            return "sfnValidateDefinition";
        }

        @Override
        public String getDisplayName() {
            return "Validate an AWS Step Functions state machine definition";
        }

        /** The step's node, to carry the warning when WARNING diagnostics make the build UNSTABLE. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FlowNode.class);
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
