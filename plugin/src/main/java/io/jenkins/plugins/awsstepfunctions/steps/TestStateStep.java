package io.jenkins.plugins.awsstepfunctions.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Item;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.console.ConsoleLines;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionParameters;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionResolver;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionInput;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsException;
import io.jenkins.plugins.awsstepfunctions.forms.DefinitionParameters;
import io.jenkins.plugins.awsstepfunctions.forms.FormChecks;
import io.jenkins.plugins.awsstepfunctions.forms.StateMachineParameters;
import io.jenkins.plugins.awsstepfunctions.statemachine.Definitions;
import io.jenkins.plugins.awsstepfunctions.statemachine.ExecutionRoleArn;
import io.jenkins.plugins.awsstepfunctions.statemachine.StateTestRequest;
import io.jenkins.plugins.awsstepfunctions.statemachine.StateTestResult;
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
 * {@code sfnTestState}: runs one state once with TestState (a state's definition, or a state of a whole state
 * machine's), optionally with a mocked task result or error, and returns its status, output, next state, error, cause
 * and inspection data. Fails unless the status is the expected one ({@code SUCCEEDED} unless told otherwise).
 */
public final class TestStateStep extends AbstractStepFunctionsStep {

    static final String FUNCTION = "sfnTestState";

    private String definition;
    private String definitionFile;
    private String stateName;
    private Object input;
    private String executionRoleArn;
    private String inspectionLevel = "INFO";
    private Object mockResult;
    private String mockError;
    private String mockCause;
    private String expectStatus = "SUCCEEDED";
    private String mockValidationMode;
    private Object variables;
    private Object context;
    private Integer retrierRetryCount;
    private String errorCausedByState;
    private Integer mapIterationFailureCount;
    private Object mapItemReaderData;

    @DataBoundConstructor
    public TestStateStep() {}

    /** A state's definition, or a whole state machine's (then {@link #getStateName()} picks the state). */
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

    public String getStateName() {
        return stateName;
    }

    @DataBoundSetter
    public void setStateName(String stateName) {
        this.stateName = Util.fixEmptyAndTrim(stateName);
    }

    /** JSON text, or a Groovy map or list (written as JSON). */
    public Object getInput() {
        return input;
    }

    @DataBoundSetter
    public void setInput(Object input) {
        this.input = blankToNull(input);
    }

    /** The IAM role the state's task uses (not the connection's {@code roleArn}); not needed with a mock. */
    public String getExecutionRoleArn() {
        return executionRoleArn;
    }

    @DataBoundSetter
    public void setExecutionRoleArn(String executionRoleArn) {
        this.executionRoleArn = Util.fixEmptyAndTrim(executionRoleArn);
    }

    /** INFO, DEBUG or TRACE. */
    public String getInspectionLevel() {
        return inspectionLevel;
    }

    @DataBoundSetter
    public void setInspectionLevel(String inspectionLevel) {
        String given = Util.fixEmptyAndTrim(inspectionLevel);
        this.inspectionLevel = given == null ? "INFO" : given.toUpperCase(Locale.ROOT);
    }

    /** What the task returns instead of calling its service: JSON text, or a Groovy map or list. */
    public Object getMockResult() {
        return mockResult;
    }

    @DataBoundSetter
    public void setMockResult(Object mockResult) {
        this.mockResult = blankToNull(mockResult);
    }

    /** The error the task fails with instead of calling its service. */
    public String getMockError() {
        return mockError;
    }

    @DataBoundSetter
    public void setMockError(String mockError) {
        this.mockError = Util.fixEmptyAndTrim(mockError);
    }

    public String getMockCause() {
        return mockCause;
    }

    @DataBoundSetter
    public void setMockCause(String mockCause) {
        this.mockCause = Util.fixEmptyAndTrim(mockCause);
    }

    /** SUCCEEDED, FAILED, RETRIABLE or CAUGHT_ERROR: the step fails when the state ends otherwise. */
    public String getExpectStatus() {
        return expectStatus;
    }

    @DataBoundSetter
    public void setExpectStatus(String expectStatus) {
        String given = Util.fixEmptyAndTrim(expectStatus);
        this.expectStatus = given == null ? "SUCCEEDED" : given.toUpperCase(Locale.ROOT);
    }

    /** How TestState checks {@code mockResult} against the task's API: STRICT (its default), PRESENT or NONE. */
    public String getMockValidationMode() {
        return mockValidationMode;
    }

    @DataBoundSetter
    public void setMockValidationMode(String mockValidationMode) {
        this.mockValidationMode = Util.fixEmptyAndTrim(mockValidationMode);
    }

    /** The workflow variables the state sees: a JSON object as text, or a Groovy map. */
    public Object getVariables() {
        return variables;
    }

    @DataBoundSetter
    public void setVariables(Object variables) {
        this.variables = blankToNull(variables);
    }

    /** The context object ({@code $$}) the state sees: a JSON object as text, or a Groovy map. */
    public Object getContext() {
        return context;
    }

    @DataBoundSetter
    public void setContext(Object context) {
        this.context = blankToNull(context);
    }

    /** How many retries the state's Retrier has made already. */
    public Integer getRetrierRetryCount() {
        return retrierRetryCount;
    }

    @DataBoundSetter
    public void setRetrierRetryCount(Integer retrierRetryCount) {
        this.retrierRetryCount = retrierRetryCount;
    }

    /** For a Parallel or Map state: the state inside it that the mocked error came from. */
    public String getErrorCausedByState() {
        return errorCausedByState;
    }

    @DataBoundSetter
    public void setErrorCausedByState(String errorCausedByState) {
        this.errorCausedByState = Util.fixEmptyAndTrim(errorCausedByState);
    }

    /** For a Map state: how many iterations failed. */
    public Integer getMapIterationFailureCount() {
        return mapIterationFailureCount;
    }

    @DataBoundSetter
    public void setMapIterationFailureCount(Integer mapIterationFailureCount) {
        this.mapIterationFailureCount = mapIterationFailureCount;
    }

    /** For a Map state with an ItemReader: the items it reads, as JSON text or a Groovy list. */
    public Object getMapItemReaderData() {
        return mapItemReaderData;
    }

    @DataBoundSetter
    public void setMapItemReaderData(Object mapItemReaderData) {
        this.mapItemReaderData = blankToNull(mapItemReaderData);
    }

    private static Object blankToNull(Object value) {
        return value instanceof CharSequence text && text.toString().isBlank() ? null : value;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        try {
            Definitions.checkSource(definition, definitionFile);
            // Every parameter is checked here, before the step returns; a definition file is read on a call thread.
            StateTestRequest.Builder request = StateTestRequest.builder()
                    .stateName(stateName)
                    .inputJson(json("input", input))
                    .roleArn(ExecutionRoleArn.check(executionRoleArn, false))
                    .inspectionLevel(inspectionLevel)
                    .mockResultJson(json("mockResult", mockResult))
                    .mockError(mockError, mockCause)
                    .mockValidationMode(mockValidationMode)
                    .variablesJson(json("variables", variables))
                    .contextJson(json("context", this.context))
                    .retrierRetryCount(retrierRetryCount)
                    .errorCausedByState(errorCausedByState)
                    .mapIterationFailureCount(mapIterationFailureCount)
                    .mapItemReaderDataJson(json("mapItemReaderData", mapItemReaderData));
            if (definitionFile == null) {
                request.definition(definition);
            } else {
                request.definitionLater();
            }
            return new Execution(
                    context,
                    connection(),
                    request.build(),
                    definitionFile,
                    stateName,
                    StateTestResult.expectedStatus(expectStatus));
        } catch (InvalidSettingException e) {
            throw new AbortException(FUNCTION + ": " + e.getMessage());
        }
    }

    /** A parameter given as JSON text or Groovy values, as JSON text; {@code null} when not given. */
    private static String json(String parameter, Object value) {
        return value == null ? null : ExecutionInput.of(parameter, value).json();
    }

    static final class Execution extends BackgroundExecution {

        private static final long serialVersionUID = 1L;

        /** Checked; without its definition when that comes from {@link #definitionFile}. */
        private final StateTestRequest request;

        private final String definitionFile;
        private final String stateName;
        private final String expectStatus;

        Execution(
                StepContext context,
                ConnectionParameters connection,
                StateTestRequest request,
                String definitionFile,
                String stateName,
                String expectStatus) {
            super(context, connection);
            this.request = request;
            this.definitionFile = definitionFile;
            this.stateName = stateName;
            this.expectStatus = expectStatus;
        }

        @Override
        public boolean start() {
            inBackground(this::test);
            return false;
        }

        private void test() throws Exception {
            TaskListener listener = listener();
            StateTestRequest complete;
            try {
                complete = definitionFile == null
                        ? request
                        : request.withDefinition(
                                DefinitionParameters.read(getContext().get(FilePath.class), definitionFile));
            } catch (InvalidSettingException e) {
                throw new AbortException(FUNCTION + ": " + e.getMessage());
            }
            StateTestResult result;
            try {
                ConnectionResolver.Resolved connection = resolve();
                // The state's task may run up to 5 minutes, and must not be run twice: a patient, single-attempt
                // client.
                try (ClientLease lease = ControllerEngine.get()
                        .clients()
                        .lease(Definitions.testStateConnection(connection.settings()), connection.credentials())) {
                    result = new Definitions(lease).test(complete);
                }
            } catch (InvalidSettingException | StepFunctionsException e) {
                throw new AbortException(FUNCTION + ": " + e.getMessage());
            }
            if (stopping()) {
                return;
            }
            listener.getLogger().println(ConsoleLines.PREFIX + what() + ": " + result.describe());
            if (!expectStatus.equals(result.status())) {
                throw new AbortException(FUNCTION + ": " + what() + " ended " + result.status() + ", expected "
                        + expectStatus + (result.error() == null ? "" : ": " + result.error())
                        + (result.cause() == null ? "" : ": " + result.cause()));
            }
            succeed(new LinkedHashMap<>(result.toMap()));
        }

        private String what() {
            String state = stateName == null ? "The state" : "The state '" + stateName + "'";
            return definitionFile == null ? state : state + " of " + definitionFile;
        }

        /**
         * After a restart the state is tested again; a task without a mock then calls its service again, as a step
         * repeated by {@code retry} would.
         */
        @Override
        public void onResume() {
            inBackground(this::test);
        }

        @Override
        public String getStatus() {
            return "testing " + (stateName == null ? "a state" : "the state '" + stateName + "'");
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
            return "Test a state of an AWS Step Functions state machine (TestState)";
        }

        @POST
        public FormValidation doCheckInput(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.checkInput(item, value, FormChecks.Values.AS_WRITTEN);
        }

        @POST
        public FormValidation doCheckMockResult(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.checkMockResult(item, value, FormChecks.Values.AS_WRITTEN);
        }

        @POST
        public FormValidation doCheckVariables(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.checkJsonObject(item, "variables", value);
        }

        @POST
        public FormValidation doCheckContext(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.checkJsonObject(item, "context", value);
        }

        @POST
        public FormValidation doCheckMapItemReaderData(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.checkJson(item, "mapItemReaderData", value, FormChecks.Values.AS_WRITTEN);
        }

        @POST
        public FormValidation doCheckRetrierRetryCount(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.checkCount(item, "retrierRetryCount", value);
        }

        @POST
        public FormValidation doCheckMapIterationFailureCount(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.checkCount(item, "mapIterationFailureCount", value);
        }

        @POST
        public ListBoxModel doFillMockValidationModeItems(@AncestorInPath Item item) {
            FormChecks.requireConfigure(item);
            return StateMachineParameters.mockValidationModeItems();
        }

        @POST
        public FormValidation doCheckExecutionRoleArn(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.checkRoleArn(item, "executionRoleArn", value, FormChecks.Values.AS_WRITTEN);
        }

        @POST
        public ListBoxModel doFillInspectionLevelItems(@AncestorInPath Item item) {
            FormChecks.requireConfigure(item);
            return StateMachineParameters.inspectionLevelItems();
        }

        @POST
        public ListBoxModel doFillExpectStatusItems(@AncestorInPath Item item) {
            FormChecks.requireConfigure(item);
            return StateMachineParameters.expectStatusItems();
        }
    }
}
