package io.jenkins.plugins.awsstepfunctions.steps;

import hudson.Extension;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionParameters;
import io.jenkins.plugins.awsstepfunctions.tasks.TaskTokens;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code sfnSendTaskHeartbeat}: the task waiting for this task token is still being worked on, so its
 * {@code HeartbeatSeconds} start again (SendTaskHeartbeat).
 */
public final class SendTaskHeartbeatStep extends TaskTokenStep {

    @DataBoundConstructor
    public SendTaskHeartbeatStep() {}

    @Override
    StepExecution start(StepContext context, Token token) throws Exception {
        return new Execution(context, connection(), token);
    }

    static final class Execution extends TokenExecution {

        private static final long serialVersionUID = 1L;

        Execution(StepContext context, ConnectionParameters connection, Token token) {
            super(context, connection, "sfnSendTaskHeartbeat", token);
        }

        @Override
        String answer(TaskTokens tokens, String token) {
            tokens.heartbeat(token);
            return "Sent a heartbeat to the waiting task";
        }
    }

    @Extension
    public static final class DescriptorImpl extends TokenDescriptor {

        @Override
        public String getFunctionName() {
            return "sfnSendTaskHeartbeat";
        }

        @Override
        public String getDisplayName() {
            return "Send a heartbeat to an AWS Step Functions task waiting for a task token";
        }
    }
}
