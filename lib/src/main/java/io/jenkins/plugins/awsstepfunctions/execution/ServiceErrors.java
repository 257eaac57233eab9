package io.jenkins.plugins.awsstepfunctions.execution;

import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsException.Kind;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns the SDK's exceptions into messages that name the operation and the ARN and say what to check. */
public final class ServiceErrors {

    private ServiceErrors() {}

    /**
     * @param operation the API operation, e.g. {@code DescribeExecution}
     * @param target the ARN (or other subject) of the call
     * @param endpoint where the call went, e.g. {@code us-east-1} or {@code http://127.0.0.1:4584 (us-east-1)}
     */
    public static StepFunctionsException explain(String operation, String target, String endpoint, SdkException e) {
        String attempted = operation + " on " + target + " failed";
        if (e instanceof AwsServiceException service) {
            return service(operation, target, attempted, service);
        }
        return connection(operation, endpoint, attempted, e);
    }

    private static StepFunctionsException service(
            String operation, String target, String attempted, AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String said = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                ? ""
                : " (AWS said: " + e.awsErrorDetails().errorMessage() + ")";
        String attempts =
                e.numAttempts() != null && e.numAttempts() > 1 ? " after " + e.numAttempts() + " attempts" : "";
        String action = "states:" + operation;
        if (code == null) {
            code = "HTTP " + e.statusCode();
        }
        return switch (code) {
            case "ExecutionDoesNotExist" ->
                new StepFunctionsException(
                        Kind.NOT_FOUND,
                        operation,
                        code,
                        attempted
                                + ": the execution does not exist" + said
                                + ". Check the ARN, and that the credentials, region and"
                                + " account are the execution's; Step Functions keeps an execution for 90 days after it ends.",
                        e);
            case "StateMachineDoesNotExist" ->
                new StepFunctionsException(
                        Kind.NOT_FOUND,
                        operation,
                        code,
                        attempted
                                + ": the state machine does not exist" + said
                                + ". Check the ARN (a version or alias must exist"
                                + " too), and that the credentials, region and account are the state machine's.",
                        e);
            case "InvalidArn" ->
                new StepFunctionsException(
                        Kind.INVALID_REQUEST,
                        operation,
                        code,
                        attempted + ": Step Functions does not accept the ARN" + said + ".",
                        e);
            case "AccessDeniedException", "AccessDenied" ->
                new StepFunctionsException(
                        Kind.ACCESS_DENIED,
                        operation,
                        code,
                        attempted + ": access denied" + said + ". The credentials need the IAM permission " + action
                                + " on this resource; check the identity's policies, the role's trust policy and any SCP or"
                                + " permission boundary.",
                        e);
            case "UnrecognizedClientException",
                    "InvalidClientTokenId",
                    "InvalidSignatureException",
                    "SignatureDoesNotMatch",
                    "IncompleteSignature",
                    "MissingAuthenticationToken" ->
                new StepFunctionsException(
                        Kind.ACCESS_DENIED,
                        operation,
                        code,
                        attempted + ": AWS did not accept"
                                + " the credentials (" + code + ")" + said + ". Check that the access key exists and is"
                                + " active, that the secret belongs to it, and that the region is one the account uses.",
                        e);
            case "ExpiredTokenException", "ExpiredToken", "RequestExpired" ->
                new StepFunctionsException(
                        Kind.ACCESS_DENIED,
                        operation,
                        code,
                        attempted + ": the credentials have expired (" + code + ")"
                                + said
                                + ". Temporary credentials (a session token) must be renewed; prefer a role to assume,"
                                + " which this plugin renews by itself.",
                        e);
            case "ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded" ->
                new StepFunctionsException(
                        Kind.THROTTLED,
                        operation,
                        code,
                        attempted + ": throttled" + attempts
                                + said + ". The " + operation
                                + " quota is shared by every caller in the account and region;"
                                + " poll less often (a longer pollInterval, a lower rate budget) or raise"
                                + " clientConfig.retries.",
                        e);
            case "KmsAccessDeniedException", "KmsInvalidStateException", "KmsThrottlingException" ->
                new StepFunctionsException(
                        Kind.KMS,
                        operation,
                        code,
                        attempted + ": the state machine's KMS key"
                                + " refused the request (" + code + ")" + said
                                + ". Check that the key is enabled and that"
                                + " the credentials may use it (kms:Decrypt, kms:GenerateDataKey).",
                        e);
            case "ExecutionAlreadyExists" ->
                new StepFunctionsException(
                        Kind.ALREADY_EXISTS,
                        operation,
                        code,
                        attempted
                                + ": an execution with this name already exists" + said
                                + ". A name can be reused only by a"
                                + " running STANDARD execution with the same input (then the same execution is returned);"
                                + " names stay taken for 90 days after an execution ends. Use another name, or redrive: true"
                                + " to resume a failed execution of this name.",
                        e);
            case "ExecutionNotRedrivable" ->
                new StepFunctionsException(
                        Kind.NOT_REDRIVABLE,
                        operation,
                        code,
                        attempted + ": the execution cannot be redriven" + said + ".",
                        e);
            case "ExecutionLimitExceeded" ->
                new StepFunctionsException(
                        Kind.LIMIT_EXCEEDED,
                        operation,
                        code,
                        attempted + ": the account has too many open executions" + said + ". Wait for some to end, or"
                                + " ask AWS for a higher quota.",
                        e);
            case "TaskDoesNotExist", "TaskTimedOut" ->
                new StepFunctionsException(
                        Kind.NOT_FOUND,
                        operation,
                        code,
                        attempted
                                + ": Step Functions no longer waits for this task token (" + code + ")" + said
                                + ". The task was already answered, its heartbeat or timeout elapsed, or its execution"
                                + " ended; a token is valid once, in the account and region of its execution.",
                        e);
            case "InvalidExecutionInput",
                    "InvalidName",
                    "InvalidToken",
                    "InvalidOutput",
                    "ValidationException",
                    "MissingRequiredParameter",
                    "InvalidParameterValue",
                    "SerializationException" ->
                new StepFunctionsException(
                        Kind.INVALID_REQUEST,
                        operation,
                        code,
                        attempted + ": Step Functions refused the request (" + code + ")" + said + ".",
                        e);
            case "StateMachineDeleting" ->
                new StepFunctionsException(
                        Kind.NOT_FOUND,
                        operation,
                        code,
                        attempted + ": the state machine is being deleted" + said + ".",
                        e);
            default ->
                new StepFunctionsException(
                        Kind.SERVICE_ERROR,
                        operation,
                        code,
                        attempted + ": " + code
                                + attempts + said
                                + (e.statusCode() >= 500
                                        ? ". This is an error on the AWS side; try again"
                                                + " later, or raise clientConfig.retries."
                                        : "."),
                        e);
        };
    }

    private static StepFunctionsException connection(
            String operation, String endpoint, String attempted, SdkException e) {
        Throwable root = e;
        String problem = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            root = t;
            if (problem == null) {
                if (t instanceof UnknownHostException) {
                    problem = "the host name does not resolve (" + t.getMessage() + "); check endpointUrl, the"
                            + " region and the controller's DNS";
                } else if (t instanceof ConnectException) {
                    problem = "the connection was refused; check endpointUrl, proxies and firewalls";
                } else if (t instanceof SSLException) {
                    problem = "TLS failed (" + t.getMessage() + "); if the endpoint uses a private certificate"
                            + " authority, give its certificates as caBundleCredentialsId";
                } else if (t instanceof SocketTimeoutException) {
                    problem = "no answer in time (" + t.getMessage() + "); check the network, or raise"
                            + " clientConfig.connect_timeout / read_timeout";
                }
            }
        }
        if (problem == null) {
            problem = e instanceof SdkClientException ? e.getMessage() : root.toString();
        }
        return new StepFunctionsException(
                Kind.CONNECTION,
                operation,
                null,
                attempted + ": could not reach Step" + " Functions at " + endpoint + ": " + problem + ".",
                e);
    }
}
