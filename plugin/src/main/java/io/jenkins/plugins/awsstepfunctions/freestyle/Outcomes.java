package io.jenkins.plugins.awsstepfunctions.freestyle;

import hudson.AbortException;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.awsstepfunctions.action.StepFunctionsRunAction;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionResolver;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionDescription;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionState;
import io.jenkins.plugins.awsstepfunctions.watch.WatchResult;

/** How a freestyle build step ends when an execution did not succeed, and the wait both start and wait share. */
final class Outcomes {

    private Outcomes() {}

    /** Marks the build UNSTABLE (and logs why) when asked to, else fails the step with the message. */
    static void failed(Run<?, ?> run, TaskListener listener, String message, boolean unstable) throws AbortException {
        if (!unstable) {
            throw new AbortException(message);
        }
        listener.error(message);
        run.setResult(Result.UNSTABLE);
    }

    /** Waits, records the end on the build page, exports SFN_EXECUTION_STATUS, and fails unless SUCCEEDED. */
    static ExecutionDescription waitAndReport(
            Run<?, ?> run,
            TaskListener listener,
            ExecutionArn execution,
            ConnectionResolver.Resolved connection,
            int pollInterval,
            int timeout,
            boolean stopOnAbort,
            boolean unstable)
            throws AbortException, InterruptedException {
        WatchResult result =
                FreestyleWait.await(run, listener, execution, connection, pollInterval, timeout, stopOnAbort);
        ExecutionDescription end = result.description();
        StepFunctionsRunAction.of(run)
                .record(
                        end.executionArn().toString(),
                        end.stateMachineArn(),
                        end.state().name(),
                        end.startDate(),
                        end.stopDate().orElse(null),
                        null);
        ExportedVariables.export(run, "SFN_EXECUTION_STATUS", end.state().name());
        if (end.state() != ExecutionState.SUCCEEDED) {
            failed(run, listener, result.failureMessage(), unstable);
        } else {
            listener.getLogger().println(Messages.Log_Succeeded(end.summary()));
        }
        return end;
    }
}
