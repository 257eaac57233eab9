package io.jenkins.plugins.awsstepfunctions.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.console.ConsoleLines;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionParameters;
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
import java.util.LinkedHashMap;
import java.util.Locale;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code sfnDeployStateMachine}: deploys a state machine as code, idempotently (validated first; created, or updated
 * only where it differs; a version published per revision; an alias created or moved, with weights for a canary) and
 * returns what it did as a map. Works in the configured region: a name carries none.
 */
public final class DeployStateMachineStep extends AbstractStepFunctionsStep {

    static final String FUNCTION = "sfnDeployStateMachine";

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
    private Object routing;

    @DataBoundConstructor
    public DeployStateMachineStep(String name) {
        this.name = Util.fixEmptyAndTrim(name);
    }

    /** The state machine's name: it is created when no state machine of this name exists in the account and region. */
    public String getName() {
        return name;
    }

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

    /** The IAM role the state machine's executions use (not the connection's {@code roleArn}). */
    public String getExecutionRoleArn() {
        return executionRoleArn;
    }

    @DataBoundSetter
    public void setExecutionRoleArn(String executionRoleArn) {
        this.executionRoleArn = Util.fixEmptyAndTrim(executionRoleArn);
    }

    /** STANDARD or EXPRESS; an existing state machine's type cannot change. */
    public String getType() {
        return type;
    }

    @DataBoundSetter
    public void setType(String type) {
        String given = Util.fixEmptyAndTrim(type);
        this.type = given == null ? "STANDARD" : given.toUpperCase(Locale.ROOT);
    }

    /** OFF, ALL, ERROR or FATAL, to {@link #getLogGroupArn()}. */
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

    /** With {@code publish}: the version's description; by default the build's name and address. */
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

    /** A map of version ('new', a number or a version ARN) to weight, such as {@code ['new': 10, '3': 90]}, or text. */
    public Object getRouting() {
        return routing;
    }

    @DataBoundSetter
    public void setRouting(Object routing) {
        this.routing = routing instanceof CharSequence text && text.toString().isBlank() ? null : routing;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        try {
            Definitions.checkSource(definition, definitionFile);
            // Every parameter is checked here, before the step returns; a definition file is read on a call thread.
            DeployRequest.Builder request = DeployRequest.builder()
                    .name(name)
                    .roleArn(ExecutionRoleArn.check(executionRoleArn, true))
                    .type(type)
                    .logging(loggingLevel, includeExecutionData, logGroupArn)
                    .tracing(tracing)
                    .publish(
                            publish,
                            versionDescription != null
                                    ? versionDescription
                                    : StateMachineParameters.defaultVersionDescription(context.get(Run.class)))
                    .alias(alias, Routing.parse(routing));
            if (definitionFile == null) {
                request.definition(definition);
            } else {
                request.definitionLater();
            }
            return new Execution(context, connection(), request.build(), definitionFile);
        } catch (InvalidSettingException e) {
            throw new AbortException(FUNCTION + ": " + e.getMessage());
        }
    }

    static final class Execution extends BackgroundExecution {

        private static final long serialVersionUID = 1L;

        /** Checked; without its definition when that comes from {@link #definitionFile}. */
        private final DeployRequest request;

        private final String definitionFile;

        Execution(StepContext context, ConnectionParameters connection, DeployRequest request, String definitionFile) {
            super(context, connection);
            this.request = request;
            this.definitionFile = definitionFile;
        }

        @Override
        public boolean start() {
            inBackground(this::deploy);
            return false;
        }

        private void deploy() throws Exception {
            TaskListener listener = listener();
            DeployRequest request;
            try {
                request = definitionFile == null
                        ? this.request
                        : this.request.withDefinition(
                                DefinitionParameters.read(getContext().get(FilePath.class), definitionFile));
            } catch (InvalidSettingException e) {
                throw new AbortException(FUNCTION + ": " + e.getMessage());
            }
            ConnectionResolver.Resolved connection = resolve();
            listener.getLogger()
                    .println(ConsoleLines.PREFIX
                            + request.describe(connection.settings().region().orElse(null), definitionFile));
            DeployResult result;
            try (ClientLease lease =
                    ControllerEngine.get().clients().lease(connection.settings(), connection.credentials())) {
                result = new Deployments(lease).deploy(request);
            } catch (InvalidSettingException | StepFunctionsException e) {
                throw new AbortException(FUNCTION + ": " + e.getMessage());
            }
            if (stopping()) {
                return;
            }
            for (Diagnostic warning : result.warnings()) {
                listener.getLogger().println(ConsoleLines.PREFIX + warning.describe());
            }
            for (String line : result.describe()) {
                listener.getLogger().println(ConsoleLines.PREFIX + line);
            }
            succeed(new LinkedHashMap<>(result.toMap()));
        }

        /** A deploy changes only what differs from what is deployed: after a restart the step deploys again. */
        @Override
        public void onResume() {
            inBackground(() -> {
                listener()
                        .getLogger()
                        .println(ConsoleLines.PREFIX + "Resuming the deploy of '" + request.name()
                                + "' after a Jenkins restart (what is already deployed is left as it is)");
                deploy();
            });
        }

        @Override
        public String getStatus() {
            return "deploying the state machine '" + request.name() + "'";
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepFunctionsStepDescriptor {

        @Override
        public String getFunctionName() {
            return FUNCTION;
        }

        @Override
        public String getDisplayName() {
            return "Deploy an AWS Step Functions state machine";
        }

        @POST
        public FormValidation doCheckName(@AncestorInPath Item item, @QueryParameter String value) {
            FormChecks.requireConfigure(item);
            if (Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.error("name is required");
            }
            return FormChecks.checkName(item, value, FormChecks.Values.AS_WRITTEN);
        }

        @POST
        public FormValidation doCheckExecutionRoleArn(@AncestorInPath Item item, @QueryParameter String value) {
            FormChecks.requireConfigure(item);
            if (Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.error("executionRoleArn is required");
            }
            return FormChecks.checkRoleArn(item, "executionRoleArn", value, FormChecks.Values.AS_WRITTEN);
        }

        @POST
        public FormValidation doCheckRouting(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.checkRouting(item, value, FormChecks.Values.AS_WRITTEN);
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
