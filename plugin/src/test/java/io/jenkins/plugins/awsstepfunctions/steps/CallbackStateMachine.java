package io.jenkins.plugins.awsstepfunctions.steps;

import io.jenkins.plugins.awsstepfunctions.json.Json;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A state machine on moto that waits for a task token ({@code state-machines/callback.asl.json}): its
 * {@code sqs:sendMessage.waitForTaskToken} task puts the token on an SQS queue, as a real one would start a Jenkins
 * build with it, and waits (with a heartbeat timeout) until someone answers the token.
 */
final class CallbackStateMachine implements AutoCloseable {

    /** An execution waiting in its task, and the token it waits for. */
    record WaitingTask(String executionArn, String token) {}

    private final SfnClient sfn;
    private final SqsClient sqs;
    private final String stateMachineArn;
    private final String queueUrl;

    CallbackStateMachine(MotoServer moto, SfnClient sfn) {
        this.sfn = sfn;
        this.sqs = SqsClient.builder()
                .endpointOverride(moto.endpoint())
                .region(Region.of(MotoServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(MotoServer.ACCESS_KEY_ID, MotoServer.SECRET_ACCESS_KEY)))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
        this.stateMachineArn = StateMachines.create(sfn, "callback");
        String queue = "task-tokens-" + UUID.randomUUID().toString().substring(0, 8);
        this.queueUrl = sqs.createQueue(b -> b.queueName(queue)).queueUrl();
    }

    /** Starts an execution and returns once its task waits, with the token it sent. */
    WaitingTask start(String name) {
        String executionArn = sfn.startExecution(b -> b.stateMachineArn(stateMachineArn)
                        .name(name)
                        .input(Json.write("input", Map.of("queueUrl", queueUrl))))
                .executionArn();
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(10))
                .messages();
        if (messages.isEmpty()) {
            throw new AssertionError(executionArn + " sent no task token within 10 s");
        }
        Message message = messages.get(0);
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) Json.parse("the message", message.body());
        return new WaitingTask(executionArn, (String) body.get("taskToken"));
    }

    /** The execution once it ended (the answer to its token ends it shortly after the call). */
    DescribeExecutionResponse ended(String executionArn) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        DescribeExecutionResponse execution = sfn.describeExecution(b -> b.executionArn(executionArn));
        while (execution.status() == ExecutionStatus.RUNNING && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            execution = sfn.describeExecution(b -> b.executionArn(executionArn));
        }
        return execution;
    }

    @Override
    public void close() {
        sqs.close();
    }
}
