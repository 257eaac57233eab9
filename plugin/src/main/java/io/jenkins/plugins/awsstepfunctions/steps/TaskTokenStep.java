package io.jenkins.plugins.awsstepfunctions.steps;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.AbortException;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.console.ConsoleLines;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionParameters;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionResolver;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsException;
import io.jenkins.plugins.awsstepfunctions.forms.FormChecks;
import io.jenkins.plugins.awsstepfunctions.tasks.TaskTokens;
import io.jenkins.plugins.awsstepfunctions.watch.ControllerEngine;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * What {@code sfnSendTaskSuccess}, {@code sfnSendTaskFailure} and {@code sfnSendTaskHeartbeat} share: the task token,
 * given either as {@code taskToken} (text, or a Password parameter's value) or as {@code taskTokenCredentialsId} (a
 * Secret text credential). The token is a secret: it is never logged, never shown as the step's label, masked in the
 * step's recorded arguments, and never kept across a controller restart. A task token carries no region Jenkins can read: the calls go to the configured one.
 */
public abstract class TaskTokenStep extends AbstractStepFunctionsStep {

    /** Tokens shorter than this are not real ones; masking them in a message would mangle the message. */
    private static final int MASKED_LENGTH = 8;

    private Object taskToken;
    private String taskTokenCredentialsId;

    /** A String, or a Password parameter's value ({@code params.TASK_TOKEN}, a {@link Secret}). */
    public Object getTaskToken() {
        return taskToken;
    }

    @DataBoundSetter
    public void setTaskToken(Object taskToken) {
        this.taskToken =
                taskToken instanceof CharSequence text && text.toString().isBlank() ? null : taskToken;
    }

    /** A Secret text credential holding the token. */
    public String getTaskTokenCredentialsId() {
        return taskTokenCredentialsId;
    }

    @DataBoundSetter
    public void setTaskTokenCredentialsId(String taskTokenCredentialsId) {
        this.taskTokenCredentialsId = Util.fixEmptyAndTrim(taskTokenCredentialsId);
    }

    /**
     * Masks the token in the arguments Pipeline recorded for this step before anything else can fail, then starts the
     * step with it. Messages of refused parameters name the step.
     */
    @Override
    public final StepExecution start(StepContext context) throws Exception {
        MaskedArguments.mask(context.get(FlowNode.class), "taskToken");
        try {
            return start(context, token());
        } catch (InvalidSettingException e) {
            throw new AbortException(getDescriptor().getFunctionName() + ": " + e.getMessage());
        }
    }

    /** Checks this step's other parameters and returns its execution; the token is already checked. */
    abstract StepExecution start(StepContext context, Token token) throws Exception;

    /**
     * Where the token comes from: exactly one of the two parameters. Checked on the Pipeline's thread before any call;
     * a credential is looked up later, on a call thread, by {@link Token#plainText}.
     */
    final Token token() {
        String given = plainText(taskToken);
        if ((given == null) == (taskTokenCredentialsId == null)) {
            throw new InvalidSettingException(
                    "taskToken",
                    given == null
                            ? "or taskTokenCredentialsId is required: the $$.Task.Token the state machine passed to"
                                    + " this build (a Password parameter's value such as params.TASK_TOKEN), or the id"
                                    + " of a Secret text credential holding it"
                            : "cannot be combined with taskTokenCredentialsId; give the token one way only");
        }
        return new Token(given, taskTokenCredentialsId);
    }

    /** The text of a String or a Secret; {@code null} when not given or blank. */
    private static String plainText(Object value) {
        String text;
        if (value == null) {
            return null;
        } else if (value instanceof Secret secret) {
            text = secret.getPlainText();
        } else if (value instanceof CharSequence chars) {
            text = chars.toString();
        } else {
            throw new InvalidSettingException(
                    "taskToken",
                    "must be text or a Password parameter's value (params.NAME), not "
                            + value.getClass().getSimpleName());
        }
        return text.isBlank() ? null : text;
    }

    /** A token given as text, or the id of the Secret text credential holding it. */
    record Token(String value, String credentialsId) {

        /** Where it came from, for the log: never the token. */
        String source() {
            return credentialsId == null ? "taskToken" : "taskTokenCredentialsId '" + credentialsId + "'";
        }

        /** The token itself; a credential is looked up for the build, and must be Secret text. */
        String plainText(Run<?, ?> run) {
            if (value != null) {
                return value;
            }
            ConnectionResolver.Lookup lookup = ConnectionResolver.forRun(run);
            StringCredentials credential = lookup.find(credentialsId, StringCredentials.class);
            if (credential == null) {
                StandardCredentials other = lookup.find(credentialsId, StandardCredentials.class);
                throw new InvalidSettingException(
                        "taskTokenCredentialsId",
                        other == null
                                ? "no credential with id '" + credentialsId + "' is visible to this build;"
                                        + " expected a Secret text credential holding the task token"
                                : "the credential '" + credentialsId + "' is a "
                                        + other.getDescriptor().getDisplayName()
                                        + " credential; expected a Secret text credential holding the task token");
            }
            return credential.getSecret().getPlainText();
        }

        @Override
        public String toString() {
            return "the task token from " + source();
        }
    }

    /**
     * Answers the token with one call on a call thread. The token lives in this object's memory only: a controller
     * restart during the call fails the step, because the answer cannot be sent again and whether it arrived is
     * unknown.
     */
    abstract static class TokenExecution extends BackgroundExecution {

        private static final long serialVersionUID = 1L;

        private final String functionName;
        private final String source;
        private transient volatile Token token;

        TokenExecution(StepContext context, ConnectionParameters connection, String functionName, Token token) {
            super(context, connection);
            this.functionName = functionName;
            this.source = token.source();
            this.token = token;
        }

        /** The call; returns what it told the task, for the log, e.g. {@code Told the waiting task it succeeded}. */
        abstract String answer(TaskTokens tokens, String token);

        @Override
        public boolean start() {
            Token given = token;
            token = null;
            inBackground(() -> {
                String current = null;
                String done;
                try {
                    current = given.plainText(run());
                    ConnectionResolver.Resolved connection = resolve();
                    try (ClientLease lease =
                            ControllerEngine.get().clients().lease(connection.settings(), connection.credentials())) {
                        done = answer(new TaskTokens(lease), current);
                    }
                } catch (InvalidSettingException | StepFunctionsException e) {
                    throw new AbortException(functionName + ": " + masked(e.getMessage(), current));
                }
                if (stopping()) {
                    return;
                }
                listener().getLogger().println(ConsoleLines.PREFIX + done + " (task token from " + source + ")");
                succeed(null);
            });
            return false;
        }

        @Override
        public void onResume() {
            fail(new AbortException(functionName + ": Jenkins restarted while this step answered the task token from "
                    + source + ". The token is a secret and is not kept across a restart, so the answer was not"
                    + " sent again, and whether Step Functions received it is unknown: the execution's history"
                    + " shows whether the task ended (TaskSucceeded, TaskFailed) or still waits."));
        }

        @Override
        public String getStatus() {
            return "answering the task token from " + source;
        }
    }

    /** Never the token in a message, whatever the service's answer quoted. */
    static String masked(String message, String token) {
        if (message == null || token == null) {
            return message;
        }
        String stripped = token.strip();
        return stripped.length() < MASKED_LENGTH ? message : message.replace(stripped, "****");
    }

    /** The task token steps' forms, and their label in the Pipeline's graph. */
    public abstract static class TokenDescriptor extends StepFunctionsStepDescriptor {

        /** Never the token: by default a step's only argument (sfnSendTaskHeartbeat's taskToken) is its label. */
        @Override
        public String argumentsToString(Map<String, Object> namedArgs) {
            return null;
        }

        @POST
        public ListBoxModel doFillTaskTokenCredentialsIdItems(
                @AncestorInPath Item item, @QueryParameter String taskTokenCredentialsId) {
            return FormChecks.stringCredentials(item, taskTokenCredentialsId);
        }
    }
}
