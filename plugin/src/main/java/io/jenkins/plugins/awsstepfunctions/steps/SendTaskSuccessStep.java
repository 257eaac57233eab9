package io.jenkins.plugins.awsstepfunctions.steps;

import hudson.Extension;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionParameters;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionInput;
import io.jenkins.plugins.awsstepfunctions.forms.FormChecks;
import io.jenkins.plugins.awsstepfunctions.tasks.TaskTokens;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code sfnSendTaskSuccess}: the task waiting for this task token ({@code .waitForTaskToken}, or an activity)
 * succeeds with the given output (SendTaskSuccess).
 */
public final class SendTaskSuccessStep extends TaskTokenStep {

    private Object output;

    @DataBoundConstructor
    public SendTaskSuccessStep() {}

    /** JSON text, or a Groovy map or list (written as JSON); {@code {}} when not given. */
    public Object getOutput() {
        return output;
    }

    @DataBoundSetter
    public void setOutput(Object output) {
        this.output = output instanceof CharSequence text && text.toString().isBlank() ? null : output;
    }

    @Override
    StepExecution start(StepContext context, Token token) throws Exception {
        String json =
                output == null ? null : ExecutionInput.of("output", output).json();
        return new Execution(context, connection(), token, json);
    }

    static final class Execution extends TokenExecution {

        private static final long serialVersionUID = 1L;

        private final String outputJson;

        Execution(StepContext context, ConnectionParameters connection, Token token, String outputJson) {
            super(context, connection, "sfnSendTaskSuccess", token);
            this.outputJson = outputJson;
        }

        @Override
        String answer(TaskTokens tokens, String token) {
            tokens.success(token, outputJson);
            return "Told the waiting task it succeeded";
        }
    }

    @Extension
    public static final class DescriptorImpl extends TokenDescriptor {

        @Override
        public String getFunctionName() {
            return "sfnSendTaskSuccess";
        }

        @Override
        public String getDisplayName() {
            return "Tell an AWS Step Functions task waiting for a task token that it succeeded";
        }

        @POST
        public FormValidation doCheckOutput(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.checkOutput(item, value, FormChecks.Values.AS_WRITTEN);
        }
    }
}
