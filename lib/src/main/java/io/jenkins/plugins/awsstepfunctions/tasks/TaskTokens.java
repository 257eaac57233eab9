package io.jenkins.plugins.awsstepfunctions.tasks;

import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionInput;
import io.jenkins.plugins.awsstepfunctions.execution.ServiceCalls;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsException;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Answers a task token, so that a state machine's {@code .waitForTaskToken} task (or an activity) can wait for a
 * Jenkins build: SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat. The token is a secret (whoever holds it decides
 * the task's outcome): no message, exception or log line ever contains it; calls name it "the task token".
 */
public final class TaskTokens {

    /** Step Functions' limits for a task token, a failure's error and its cause. */
    public static final int MAX_TOKEN = 2048;

    public static final int MAX_ERROR = 256;
    public static final int MAX_CAUSE = 32_768;

    private static final String SUBJECT = "the task token";

    private final SfnClient sfn;
    private final ServiceCalls calls;

    public TaskTokens(ClientLease lease) {
        this.sfn = lease.sfn();
        this.calls = new ServiceCalls(lease);
    }

    /** The task succeeds with this output (JSON text, at most 256 KiB). */
    public void success(String taskToken, String outputJson) {
        String token = token(taskToken);
        ExecutionInput output = ExecutionInput.ofJson("output", outputJson == null ? "{}" : outputJson);
        send(
                token,
                "SendTaskSuccess",
                () -> sfn.sendTaskSuccess(b -> b.taskToken(token).output(output.json())));
    }

    /** The task fails with this error and cause (either may be empty; a Catch or Retry matches on the error). */
    public void failure(String taskToken, String error, String cause) {
        String token = token(taskToken);
        String checkedError = limited("error", error, MAX_ERROR);
        String checkedCause = limited("cause", cause, MAX_CAUSE);
        send(
                token,
                "SendTaskFailure",
                () -> sfn.sendTaskFailure(
                        b -> b.taskToken(token).error(checkedError).cause(checkedCause)));
    }

    /** The task is still being worked on: its HeartbeatSeconds start again. */
    public void heartbeat(String taskToken) {
        String token = token(taskToken);
        send(token, "SendTaskHeartbeat", () -> sfn.sendTaskHeartbeat(b -> b.taskToken(token)));
    }

    /**
     * One call. AWS's own message may quote the token, so a failure is rethrown with the token replaced and without
     * the SDK's exception (whose message holds AWS's words verbatim).
     */
    private void send(String token, String operation, Supplier<?> call) {
        try {
            calls.call(operation, SUBJECT, call);
        } catch (StepFunctionsException e) {
            throw new StepFunctionsException(
                    e.kind(),
                    operation,
                    e.errorCode().orElse(null),
                    e.getMessage().replace(token, "<the task token>"),
                    null);
        }
    }

    private static String token(String taskToken) {
        String token = taskToken == null ? "" : taskToken.strip();
        if (token.isEmpty()) {
            throw new InvalidSettingException(
                    "taskToken", "is required: the $$.Task.Token the state machine passed to this build");
        }
        if (token.length() > MAX_TOKEN) {
            throw new InvalidSettingException(
                    "taskToken",
                    "is " + token.length() + " characters long; a task token has at most " + MAX_TOKEN
                            + " (was something else passed, such as the whole input?)");
        }
        return token;
    }

    private static String limited(String parameter, String value, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidSettingException(
                    parameter, "is " + value.length() + " characters long; Step Functions accepts at most " + max);
        }
        return value;
    }
}
