package io.jenkins.plugins.awsstepfunctions.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.awsstepfunctions.action.StepFunctionsRunAction;
import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.console.ConsoleLines;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionParameters;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionResolver;
import io.jenkins.plugins.awsstepfunctions.execution.DefaultExecutionName;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionInput;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionState;
import io.jenkins.plugins.awsstepfunctions.execution.StartRequest;
import io.jenkins.plugins.awsstepfunctions.execution.StartResult;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsOperations;
import io.jenkins.plugins.awsstepfunctions.execution.SyncExecutionResult;
import io.jenkins.plugins.awsstepfunctions.execution.SynchronousRuns;
import io.jenkins.plugins.awsstepfunctions.forms.FormChecks;
import io.jenkins.plugins.awsstepfunctions.forms.StepParameters;
import io.jenkins.plugins.awsstepfunctions.forms.WorkspaceFiles;
import io.jenkins.plugins.awsstepfunctions.watch.ControllerEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code sfnStartExecution}: starts (or with {@code redrive: true} starts or redrives) an execution and returns its
 * ARN; with {@code wait: true} waits for it like {@code sfnWaitForExecution}; with {@code sync: true} runs an EXPRESS
 * state machine synchronously.
 */
public final class StartExecutionStep extends AbstractStepFunctionsStep {

    private final String stateMachineArn;
    private Object input;
    private String inputFile;
    private String name;
    private String traceHeader;
    private boolean redrive;
    private boolean sync;
    private boolean wait;
    private int pollInterval = StepDefaults.pollInterval();
    private int timeout;

    @DataBoundConstructor
    public StartExecutionStep(String stateMachineArn) {
        this.stateMachineArn = Util.fixEmptyAndTrim(stateMachineArn);
    }

    public String getStateMachineArn() {
        return stateMachineArn;
    }

    /** JSON text, or a Groovy map or list (written as JSON). */
    public Object getInput() {
        return input;
    }

    @DataBoundSetter
    public void setInput(Object input) {
        this.input = input instanceof CharSequence text && text.toString().isBlank() ? null : input;
    }

    /** A JSON file in the workspace, read as the input (the step then needs {@code node}). */
    public String getInputFile() {
        return inputFile;
    }

    @DataBoundSetter
    public void setInputFile(String inputFile) {
        this.inputFile = Util.fixEmptyAndTrim(inputFile);
    }

    public String getName() {
        return name;
    }

    @DataBoundSetter
    public void setName(String name) {
        this.name = Util.fixEmptyAndTrim(name);
    }

    public String getTraceHeader() {
        return traceHeader;
    }

    @DataBoundSetter
    public void setTraceHeader(String traceHeader) {
        this.traceHeader = Util.fixEmptyAndTrim(traceHeader);
    }

    public boolean isRedrive() {
        return redrive;
    }

    @DataBoundSetter
    public void setRedrive(boolean redrive) {
        this.redrive = redrive;
    }

    public boolean isSync() {
        return sync;
    }

    @DataBoundSetter
    public void setSync(boolean sync) {
        this.sync = sync;
    }

    public boolean isWait() {
        return wait;
    }

    @DataBoundSetter
    public void setWait(boolean wait) {
        this.wait = wait;
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

    @Override
    public StepExecution start(StepContext context) throws Exception {
        try {
            StepParameters.checkStart(sync, redrive, wait);
            StepParameters.checkWaiting(pollInterval, timeout);
            StepParameters.checkInputSource(
                    input != null
                            && !(input instanceof CharSequence text
                                    && text.toString().isBlank()),
                    inputFile);
            // With inputFile, the input is read off this thread, before the first start (see Execution).
            StartRequest request = StartRequest.builder()
                    .stateMachineArn(stateMachineArn)
                    .name(name != null || redrive ? name : defaultName(context))
                    .input(input == null || inputFile != null ? null : ExecutionInput.of("input", input))
                    .traceHeader(traceHeader)
                    .build();
            return new Execution(context, connection(), request, inputFile, redrive, sync, wait, pollInterval, timeout);
        } catch (InvalidSettingException e) {
            throw new AbortException("sfnStartExecution: " + e.getMessage());
        }
    }

    /** Derived from the build and this step's node, so that a repeated start (a retry, a restart) runs once. */
    private static String defaultName(StepContext context) throws IOException, InterruptedException {
        Run<?, ?> run = context.get(Run.class);
        FlowNode node = context.get(FlowNode.class);
        return DefaultExecutionName.of(
                run.getParent().getFullName(),
                run.getNumber(),
                run.getStartTimeInMillis(),
                node == null ? "0" : node.getId());
    }

    static final class Execution extends WaitingExecution {

        private static final long serialVersionUID = 1L;

        /** With {@code inputFile}, replaced once by the request with the file's input, before the first attempt. */
        private StartRequest request;
        /** The workspace file the input comes from, until it is read into {@link #request}. */
        private String inputFile;

        private final boolean redrive;
        private final boolean sync;
        private final boolean wait;
        private final int pollInterval;
        private final int timeout;
        /** When the start was first attempted: a start repeated after a restart recognises what it started. */
        private Instant firstAttempt;

        Execution(
                StepContext context,
                ConnectionParameters connection,
                StartRequest request,
                String inputFile,
                boolean redrive,
                boolean sync,
                boolean wait,
                int pollInterval,
                int timeout) {
            super(context, connection, true, false, true);
            this.request = request;
            this.inputFile = inputFile;
            this.redrive = redrive;
            this.sync = sync;
            this.wait = wait;
            this.pollInterval = pollInterval;
            this.timeout = timeout;
        }

        @Override
        public boolean start() {
            inBackground(this::startExecution);
            return false;
        }

        private void startExecution() throws Exception {
            Run<?, ?> run = run();
            TaskListener listener = listener();
            if (inputFile != null) {
                readInput(listener);
            }
            ConnectionResolver.Resolved connection = resolve()
                    .forArn(
                            "stateMachineArn",
                            request.stateMachine().toString(),
                            request.stateMachine().region());
            if (firstAttempt == null) {
                firstAttempt = Instant.now();
                saveBeforeCall();
            }
            // A synchronous run needs a client that waits up to the EXPRESS limit and never sends it twice.
            try (ClientLease lease = ControllerEngine.get()
                    .clients()
                    .lease(
                            sync ? SynchronousRuns.settings(connection.settings()) : connection.settings(),
                            connection.credentials())) {
                StepFunctionsOperations operations = new StepFunctionsOperations(lease);
                if (sync) {
                    runSynchronously(run, listener, operations);
                    return;
                }
                StartResult started =
                        redrive ? operations.startOrRedrive(request) : operations.start(request, firstAttempt);
                if (stopping()) {
                    return;
                }
                listener.getLogger()
                        .println(ConsoleLines.PREFIX
                                + started.describe()
                                + ConsoleLines.consoleLink(started.executionArn()));
                StepFunctionsRunAction.of(run)
                        .record(
                                started.executionArn().toString(),
                                request.stateMachine().toString(),
                                started.outcome() == StartResult.Outcome.ALREADY_SUCCEEDED
                                        ? ExecutionState.SUCCEEDED.name()
                                        : ExecutionState.RUNNING.name(),
                                started.startDate(),
                                null,
                                null);
                if (!wait) {
                    succeed(started.executionArn().toString());
                    return;
                }
                waitFor(started.executionArn(), connection.settings(), connection.credentials(), pollInterval, timeout);
            }
        }

        /**
         * Reads the input file into the request, off the CPS thread. The request is saved with its input before the
         * first start attempt (below), so that a start repeated after a restart sends the same input: a changed or
         * deleted file cannot turn it into a second execution or an ExecutionAlreadyExists.
         */
        private void readInput(TaskListener listener) throws Exception {
            ExecutionInput input;
            try {
                input = WorkspaceFiles.input(getContext().get(FilePath.class), inputFile);
            } catch (InvalidSettingException e) {
                throw new AbortException("sfnStartExecution: " + e.getMessage());
            }
            request = StartRequest.builder()
                    .stateMachineArn(request.stateMachine().toString())
                    .name(request.name().orElse(null))
                    .input(input)
                    .traceHeader(request.traceHeader().orElse(null))
                    .build();
            listener.getLogger()
                    .println(ConsoleLines.PREFIX + "The input is " + inputFile + " ("
                            + input.json().getBytes(StandardCharsets.UTF_8).length + " bytes)");
            inputFile = null;
        }

        private void runSynchronously(Run<?, ?> run, TaskListener listener, StepFunctionsOperations operations)
                throws AbortException {
            listener.getLogger().println(ConsoleLines.PREFIX + "Running " + request.stateMachine() + " synchronously");
            SyncExecutionResult result = operations.startSync(request);
            if (stopping()) {
                return;
            }
            StepFunctionsRunAction.of(run)
                    .record(
                            result.executionArn().toString(),
                            request.stateMachine().toString(),
                            result.state().name(),
                            result.startDate(),
                            result.stopDate(),
                            result.outputJson().orElse(null));
            if (result.state() != ExecutionState.SUCCEEDED) {
                throw new AbortException(result.failureMessage());
            }
            listener.getLogger()
                    .println(ConsoleLines.PREFIX + result.executionArn() + " SUCCEEDED"
                            + result.billedDurationMillis()
                                    .map(ms -> " (billed " + ms + " ms)")
                                    .orElse(""));
            succeed(result.executionArn().toString());
        }

        /**
         * Jenkins restarted before the wait began. A start is repeated (with the same name it runs once, see
         * {@link StepFunctionsOperations#start(StartRequest, Instant)}); a synchronous EXPRESS run that was already
         * sent cannot be: Step Functions keeps neither its result nor its output.
         */
        @Override
        protected void resumeBeforeWaiting() {
            if (sync && firstAttempt != null) {
                fail(new AbortException("sfnStartExecution: Jenkins restarted while "
                        + request.stateMachine() + " ran synchronously (sync: true, started " + firstAttempt
                        + "); Step Functions keeps no result of EXPRESS executions, so whether it succeeded is"
                        + " unknown. Check its CloudWatch logs, then run the step again if needed."));
                return;
            }
            inBackground(() -> {
                listener()
                        .getLogger()
                        .println(ConsoleLines.PREFIX + "Resuming the start of " + request.stateMachine()
                                + (request.name().map(n -> " (name " + n + ")").orElse(""))
                                + " after a Jenkins restart");
                startExecution();
            });
        }

        @Override
        public String getStatus() {
            return sync ? "running " + request.stateMachine() + " synchronously" : super.getStatus();
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepFunctionsStepDescriptor {

        @Override
        public String getFunctionName() {
            return "sfnStartExecution";
        }

        @Override
        public String getDisplayName() {
            return "Start an AWS Step Functions execution";
        }

        @POST
        public FormValidation doCheckStateMachineArn(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.checkStateMachineArn(item, value, FormChecks.Values.AS_WRITTEN);
        }

        @POST
        public FormValidation doCheckName(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.checkName(item, value, FormChecks.Values.AS_WRITTEN);
        }

        @POST
        public FormValidation doCheckInput(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.checkInput(item, value, FormChecks.Values.AS_WRITTEN);
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
