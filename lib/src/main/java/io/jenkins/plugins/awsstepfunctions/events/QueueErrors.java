package io.jenkins.plugins.awsstepfunctions.events;

import io.jenkins.plugins.awsstepfunctions.execution.ServiceErrors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Sentences for what SQS and EventBridge refuse, naming the call, the resource and the permission to check. */
final class QueueErrors {

    private QueueErrors() {}

    static String explain(String operation, String target, SdkException e) {
        if (!(e instanceof AwsServiceException service)) {
            return ServiceErrors.explain(operation, target, target, e).getMessage();
        }
        String code = service.awsErrorDetails() == null
                ? null
                : service.awsErrorDetails().errorCode();
        String said =
                service.awsErrorDetails() == null || service.awsErrorDetails().errorMessage() == null
                        ? ""
                        : " (AWS said: " + service.awsErrorDetails().errorMessage() + ")";
        String attempted = operation + " on " + target + " failed: ";
        if (code == null) {
            return attempted + "HTTP " + service.statusCode() + said + ".";
        }
        String action =
                (operation.startsWith("ListRule") || operation.equals("DescribeRule") ? "events:" : "sqs:") + operation;
        return switch (code) {
            case "AccessDenied", "AccessDeniedException" ->
                attempted + "access denied" + said + ". The credentials need " + action
                        + " on it (and kms:Decrypt when the queue is encrypted with a customer managed KMS key).";
            case "AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist" ->
                attempted + "the queue does not exist" + said
                        + ". Check the queue URL, and that the credentials are the queue's account's or allowed by its policy.";
            case "InvalidClientTokenId",
                    "UnrecognizedClientException",
                    "SignatureDoesNotMatch",
                    "InvalidSignatureException" ->
                attempted + "AWS did not accept the credentials (" + code + ")" + said + ".";
            case "ExpiredToken", "ExpiredTokenException", "RequestExpired" ->
                attempted + "the credentials have expired (" + code + ")" + said + ".";
            case "ThrottlingException", "Throttling", "RequestThrottled", "TooManyRequestsException" ->
                attempted + "throttled (" + code + ")" + said + "; receiving slows down and tries again.";
            default -> attempted + code + said + ".";
        };
    }
}
