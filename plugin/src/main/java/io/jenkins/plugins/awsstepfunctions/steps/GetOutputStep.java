package io.jenkins.plugins.awsstepfunctions.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.awsstepfunctions.action.ExecutionRecord;
import io.jenkins.plugins.awsstepfunctions.action.StepFunctionsRunAction;
import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.console.ConsoleLines;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionParameters;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionResolver;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionNotSucceededException;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsOperations;
import io.jenkins.plugins.awsstepfunctions.forms.FormChecks;
import io.jenkins.plugins.awsstepfunctions.json.Json;
import io.jenkins.plugins.awsstepfunctions.watch.ControllerEngine;
import java.util.Optional;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code sfnGetOutput}: the output of a SUCCEEDED execution as plain Groovy values. For an EXPRESS execution run with
 * {@code sfnStartExecution(sync: true)} in this build, the output kept with the build.
 */
public final class GetOutputStep extends AbstractStepFunctionsStep {

    private final String executionArn;
    private boolean failOnError = true;

    @DataBoundConstructor
    public GetOutputStep(String executionArn) {
        this.executionArn = Util.fixEmptyAndTrim(executionArn);
    }

    public String getExecutionArn() {
        return executionArn;
    }

    public boolean isFailOnError() {
        return failOnError;
    }

    @DataBoundSetter
    public void setFailOnError(boolean failOnError) {
        this.failOnError = failOnError;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        try {
            return new Execution(context, connection(), ExecutionArn.parse("executionArn", executionArn), failOnError);
        } catch (InvalidSettingException e) {
            throw new AbortException("sfnGetOutput: " + e.getMessage());
        }
    }

    static final class Execution extends BackgroundExecution {

        private static final long serialVersionUID = 1L;

        private final ExecutionArn execution;
        private final boolean failOnError;

        Execution(StepContext context, ConnectionParameters connection, ExecutionArn execution, boolean failOnError) {
            super(context, connection);
            this.execution = execution;
            this.failOnError = failOnError;
        }

        @Override
        public boolean start() {
            inBackground(() -> succeed(output()));
            return false;
        }

        private Object output() throws Exception {
            if (execution.isExpress()) {
                Optional<String> kept = StepFunctionsRunAction.of(run())
                        .find(execution.toString())
                        .map(ExecutionRecord::getSyncOutputJson);
                if (kept.isEmpty()) {
                    throw new AbortException("sfnGetOutput: " + execution + " is an EXPRESS execution and this build"
                            + " did not run it with sfnStartExecution(sync: true); Step Functions keeps no output of"
                            + " EXPRESS executions");
                }
                return Json.parse("the output of " + execution, kept.get());
            }
            ConnectionResolver.Resolved connection =
                    resolve().forArn("executionArn", execution.toString(), execution.region());
            try (ClientLease lease =
                    ControllerEngine.get().clients().lease(connection.settings(), connection.credentials())) {
                return new StepFunctionsOperations(lease).output(execution);
            } catch (ExecutionNotSucceededException e) {
                if (failOnError || e.report().isEmpty()) {
                    throw new AbortException(e.getMessage());
                }
                listener()
                        .getLogger()
                        .println(ConsoleLines.PREFIX + e.getMessage()
                                + " (failOnError: false, so the step returns null)");
                return null;
            }
        }

        @Override
        public void onResume() {
            inBackground(() -> succeed(output()));
        }

        @Override
        public String getStatus() {
            return "reading the output of " + execution;
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepFunctionsStepDescriptor {

        @Override
        public String getFunctionName() {
            return "sfnGetOutput";
        }

        @Override
        public String getDisplayName() {
            return "Get the output of an AWS Step Functions execution";
        }

        @POST
        public FormValidation doCheckExecutionArn(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.checkExecutionArn(item, value, FormChecks.Values.AS_WRITTEN);
        }
    }
}
