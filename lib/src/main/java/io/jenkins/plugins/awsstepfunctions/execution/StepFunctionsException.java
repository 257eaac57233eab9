package io.jenkins.plugins.awsstepfunctions.execution;

import java.util.Optional;

/**
 * A Step Functions call that did not work, explained for a build log: the operation, the ARN, what went wrong and
 * what to check. Made by {@link ServiceErrors} from the SDK's exception, which stays attached as the cause.
 */
public class StepFunctionsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What kind of problem it is, for callers that react differently (for example, retry later when throttled). */
    public enum Kind {
        NOT_FOUND,
        ACCESS_DENIED,
        THROTTLED,
        INVALID_REQUEST,
        ALREADY_EXISTS,
        NOT_REDRIVABLE,
        LIMIT_EXCEEDED,
        KMS,
        SERVICE_ERROR,
        CONNECTION
    }

    private final Kind kind;
    private final String operation;
    private final String errorCode;

    public StepFunctionsException(Kind kind, String operation, String errorCode, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.operation = operation;
        this.errorCode = errorCode;
    }

    public Kind kind() {
        return kind;
    }

    /** The API operation, e.g. {@code DescribeExecution}. */
    public String operation() {
        return operation;
    }

    /** The service's error code, e.g. {@code ExecutionDoesNotExist}; absent for connection problems. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }
}
