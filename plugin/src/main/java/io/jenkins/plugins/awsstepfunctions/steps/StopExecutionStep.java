package io.jenkins.plugins.awsstepfunctions.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.util.FormValidation;
import io.jenkins.plugins.awsstepfunctions.action.StepFunctionsRunAction;
import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.console.ConsoleLines;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionParameters;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionResolver;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsOperations;
import io.jenkins.plugins.awsstepfunctions.execution.StopResult;
import io.jenkins.plugins.awsstepfunctions.forms.FormChecks;
import io.jenkins.plugins.awsstepfunctions.watch.ControllerEngine;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code sfnStopExecution}: stops an execution unless it already ended, and returns {@code [stopped: ..., status:
 * ...]}. Stopping one that ended (also twice) is logged, not an error, unless {@code failIfEnded: true}.
 */
public final class StopExecutionStep extends AbstractStepFunctionsStep {

    static final String DEFAULT_ERROR = "Jenkins.Stopped";

    private final String executionArn;
    private String error = DEFAULT_ERROR;
    private String cause;
    private boolean failIfEnded;

    @DataBoundConstructor
    public StopExecutionStep(String executionArn) {
        this.executionArn = Util.fixEmptyAndTrim(executionArn);
    }

    public String getExecutionArn() {
        return executionArn;
    }

    /** The error the execution ends with; {@code Jenkins.Stopped} unless given. */
    public String getError() {
        return error;
    }

    @DataBoundSetter
    public void setError(String error) {
        String given = Util.fixEmptyAndTrim(error);
        this.error = given == null ? DEFAULT_ERROR : given;
    }

    /** Why it was stopped; by default the build that stopped it. */
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
    public StepExecution start(StepContext context) throws Exception {
        try {
            ExecutionArn execution =
                    ExecutionArn.parse("executionArn", executionArn).requireStandard("executionArn");
            String why = cause != null
                    ? cause
                    : "Stopped by the Jenkins build " + context.get(Run.class).getFullDisplayName();
            return new Execution(context, connection(), execution, error, why, failIfEnded);
        } catch (InvalidSettingException e) {
            throw new AbortException("sfnStopExecution: " + e.getMessage());
        }
    }

    /** The step's value: whether this call stopped the execution, and its status before. */
    static Map<String, Object> result(StopResult result) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("stopped", result.stopped());
        map.put("status", result.before().name());
        return map;
    }

    static final class Execution extends BackgroundExecution {

        private static final long serialVersionUID = 1L;

        private final ExecutionArn execution;
        private final String error;
        private final String cause;
        private final boolean failIfEnded;
        /** Set before the stop is sent, so that the call repeated after a restart knows a stop may have gone out. */
        private volatile boolean sent;

        Execution(
                StepContext context,
                ConnectionParameters connection,
                ExecutionArn execution,
                String error,
                String cause,
                boolean failIfEnded) {
            super(context, connection);
            this.execution = execution;
            this.error = error;
            this.cause = cause;
            this.failIfEnded = failIfEnded;
        }

        @Override
        public boolean start() {
            inBackground(this::stopExecution);
            return false;
        }

        private void stopExecution() throws Exception {
            ConnectionResolver.Resolved connection =
                    resolve().forArn("executionArn", execution.toString(), execution.region());
            boolean sentBefore = sent;
            if (!sent) {
                sent = true;
                saveBeforeCall();
            }
            StopResult result;
            try (ClientLease lease =
                    ControllerEngine.get().clients().lease(connection.settings(), connection.credentials())) {
                result = new StepFunctionsOperations(lease).stopIfRunning(execution, error, cause);
            }
            if (sentBefore) {
                result = result.afterEarlierAttempt();
            }
            if (stopping()) {
                return;
            }
            if (result.stopped()) {
                StepFunctionsRunAction.of(run()).recordStopped(execution.toString(), Instant.now());
            }
            if (!result.stopped() && failIfEnded) {
                throw new AbortException("sfnStopExecution: " + result.describe() + " (failIfEnded: true)");
            }
            listener().getLogger().println(ConsoleLines.PREFIX + result.describe());
            succeed(result(result));
        }

        /**
         * Stopping is idempotent: after a restart the step asks again. If its first stop may have gone out, an
         * execution now ABORTED counts as stopped by this step, so that {@code failIfEnded} does not fail it.
         */
        @Override
        public void onResume() {
            inBackground(this::stopExecution);
        }

        @Override
        public String getStatus() {
            return "stopping " + execution;
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepFunctionsStepDescriptor {

        @Override
        public String getFunctionName() {
            return "sfnStopExecution";
        }

        @Override
        public String getDisplayName() {
            return "Stop an AWS Step Functions execution";
        }

        @POST
        public FormValidation doCheckExecutionArn(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.checkExecutionArn(item, value, FormChecks.Values.AS_WRITTEN);
        }
    }
}
