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
import io.jenkins.plugins.awsstepfunctions.action.StepFunctionsRunAction;
import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.console.ConsoleLines;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionResolver;
import io.jenkins.plugins.awsstepfunctions.execution.DefaultExecutionName;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionInput;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionState;
import io.jenkins.plugins.awsstepfunctions.execution.StartRequest;
import io.jenkins.plugins.awsstepfunctions.execution.StartResult;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsException;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsOperations;
import io.jenkins.plugins.awsstepfunctions.execution.SyncExecutionResult;
import io.jenkins.plugins.awsstepfunctions.execution.SynchronousRuns;
import io.jenkins.plugins.awsstepfunctions.forms.FormChecks;
import io.jenkins.plugins.awsstepfunctions.forms.StepParameters;
import io.jenkins.plugins.awsstepfunctions.forms.WorkspaceFiles;
import io.jenkins.plugins.awsstepfunctions.watch.ControllerEngine;
import io.jenkins.plugins.awsstepfunctions.watch.EngineStoppedException;
import io.jenkins.plugins.awsstepfunctions.watch.WatchOptions;
import java.io.IOException;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** Freestyle "Start AWS Step Functions execution": exports SFN_EXECUTION_ARN (and with wait, SFN_EXECUTION_STATUS). */
public final class StartExecutionBuilder extends FreestyleConnection {

    private final String stateMachineArn;
    private String input;
    private String inputFile;
    private String name;
    private String traceHeader;
    private boolean redrive;
    private boolean sync;
    private boolean wait;
    private int pollInterval = (int) WatchOptions.DEFAULT_POLL_INTERVAL.toSeconds();
    private int timeout;
    private boolean stopOnAbort;
    private boolean unstableOnFailure;

    @DataBoundConstructor
    public StartExecutionBuilder(String stateMachineArn) {
        this.stateMachineArn = Util.fixEmptyAndTrim(stateMachineArn);
    }

    public String getStateMachineArn() {
        return stateMachineArn;
    }

    public String getInput() {
        return input;
    }

    @DataBoundSetter
    public void setInput(String input) {
        this.input = Util.fixEmptyAndTrim(input);
    }

    /** A JSON file in the workspace, read as the input; build variables are expanded in the path. */
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

    /** Only the input file is read from the workspace. */
    @Override
    public boolean requiresWorkspace() {
        return inputFile != null;
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

    /** Without an input file no workspace is needed: {@code step(...)} outside {@code node} calls this. */
    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull EnvVars env, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        performWith(run, null, env, listener);
    }

    private void performWith(Run<?, ?> run, @CheckForNull FilePath workspace, EnvVars env, TaskListener listener)
            throws InterruptedException, IOException {
        try {
            StepParameters.checkStart(sync, redrive, wait);
            StepParameters.checkWaiting(pollInterval, timeout);
            StepParameters.checkInputSource(input != null, inputFile);
            String expandedName = FreestyleConnection.expand(env, name);
            String file = FreestyleConnection.expand(env, inputFile);
            StartRequest request = StartRequest.builder()
                    .stateMachineArn(FreestyleConnection.expand(env, stateMachineArn))
                    .name(expandedName != null || redrive ? expandedName : defaultName(run))
                    .input(
                            file != null
                                    ? WorkspaceFiles.input(workspace, file)
                                    : input == null ? null : ExecutionInput.ofJson("input", env.expand(input)))
                    .traceHeader(FreestyleConnection.expand(env, traceHeader))
                    .build();
            ConnectionResolver.Resolved connection = ConnectionResolver.resolve(run, connection(env))
                    .forArn(
                            "stateMachineArn",
                            request.stateMachine().toString(),
                            request.stateMachine().region());
            ExecutionArn execution;
            // A synchronous run needs a client that waits up to the EXPRESS limit and never sends it twice.
            try (ClientLease lease = ControllerEngine.get()
                    .clients()
                    .lease(
                            sync ? SynchronousRuns.settings(connection.settings()) : connection.settings(),
                            connection.credentials())) {
                StepFunctionsOperations operations = new StepFunctionsOperations(lease);
                if (sync) {
                    SyncExecutionResult result = operations.startSync(request);
                    StepFunctionsRunAction.of(run)
                            .record(
                                    result.executionArn().toString(),
                                    request.stateMachine().toString(),
                                    result.state().name(),
                                    result.startDate(),
                                    result.stopDate(),
                                    result.outputJson().orElse(null));
                    ExportedVariables.export(
                            run, "SFN_EXECUTION_ARN", result.executionArn().toString());
                    ExportedVariables.export(
                            run, "SFN_EXECUTION_STATUS", result.state().name());
                    if (result.state() != ExecutionState.SUCCEEDED) {
                        Outcomes.failed(run, listener, result.failureMessage(), unstableOnFailure);
                    }
                    return;
                }
                StartResult started = redrive ? operations.startOrRedrive(request) : operations.start(request);
                listener.getLogger()
                        .println(Messages.Log_Started(
                                started.describe(), ConsoleLines.consoleLink(started.executionArn())));
                StepFunctionsRunAction.of(run)
                        .record(
                                started.executionArn().toString(),
                                request.stateMachine().toString(),
                                ExecutionState.RUNNING.name(),
                                started.startDate(),
                                null,
                                null);
                ExportedVariables.export(
                        run, "SFN_EXECUTION_ARN", started.executionArn().toString());
                execution = started.executionArn();
            }
            if (wait) {
                Outcomes.waitAndReport(
                        run, listener, execution, connection, pollInterval, timeout, stopOnAbort, unstableOnFailure);
            }
        } catch (InvalidSettingException | StepFunctionsException | EngineStoppedException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /** Derived from the build and the number of starts before this one, so that an SDK retry runs it once. */
    private static String defaultName(Run<?, ?> run) {
        return DefaultExecutionName.of(
                run.getParent().getFullName(),
                run.getNumber(),
                run.getStartTimeInMillis(),
                "freestyle-" + StepFunctionsRunAction.of(run).nextStart());
    }

    @Extension
    public static final class DescriptorImpl extends FreestyleDescriptor {

        @Override
        public String getDisplayName() {
            return Messages.StartExecutionBuilder_DisplayName();
        }

        @POST
        public FormValidation doCheckStateMachineArn(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.checkStateMachineArn(item, value, FormChecks.Values.EXPANDED_BY_THE_BUILD);
        }

        @POST
        public FormValidation doCheckName(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.checkName(item, value, FormChecks.Values.EXPANDED_BY_THE_BUILD);
        }

        @POST
        public FormValidation doCheckInput(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.checkInput(item, value, FormChecks.Values.EXPANDED_BY_THE_BUILD);
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
