package io.jenkins.plugins.awsstepfunctions.testing;

import io.jenkins.plugins.awsstepfunctions.events.StatusChangeEvents;
import io.jenkins.plugins.awsstepfunctions.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The infrastructure of event-driven completion, in moto: a queue whose policy lets EventBridge send to it, and a
 * rule on the default bus that sends Step Functions status changes to it. moto's Step Functions does not emit status
 * changes, so this harness does it as Step Functions would: when an execution ends, it puts the event on the bus
 * (source {@code aws.states}) and EventBridge's rule routes it to the queue.
 */
public final class EventBridgeToSqs implements AutoCloseable {

    public static final String PATTERN = "{\"source\":[\"" + StatusChangeEvents.SOURCE + "\"],\"detail-type\":[\""
            + StatusChangeEvents.DETAIL_TYPE + "\"]}";

    private final SqsClient sqs;
    private final EventBridgeClient events;
    private final SfnClient sfn;
    private final String queueUrl;
    private final String queueArn;
    private final String rule;
    private final ExecutorService publisher = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "test-event-publisher");
        thread.setDaemon(true);
        return thread;
    });

    private EventBridgeToSqs(MotoServer moto, String name, boolean withRule) {
        StaticCredentialsProvider keys = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(MotoServer.ACCESS_KEY_ID, MotoServer.SECRET_ACCESS_KEY));
        this.sqs = SqsClient.builder()
                .endpointOverride(moto.endpoint())
                .region(Region.of(MotoServer.REGION))
                .credentialsProvider(keys)
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
        this.events = EventBridgeClient.builder()
                .endpointOverride(moto.endpoint())
                .region(Region.of(MotoServer.REGION))
                .credentialsProvider(keys)
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
        this.sfn = moto.sfnClient();
        this.queueUrl = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        this.queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        this.rule = name + "-status-changes";
        sqs.setQueueAttributes(b -> b.queueUrl(queueUrl).attributes(Map.of(QueueAttributeName.POLICY, policy())));
        if (withRule) {
            events.putRule(b -> b.name(rule).eventPattern(PATTERN));
            events.putTargets(b -> b.rule(rule).targets(t -> t.id("jenkins").arn(queueArn)));
        }
    }

    /** A queue with its policy and the rule that feeds it. */
    public static EventBridgeToSqs create(MotoServer moto, String name) {
        return new EventBridgeToSqs(moto, name, true);
    }

    /** A queue with its policy and no rule (a misconfiguration the queue check must name). */
    public static EventBridgeToSqs withoutRule(MotoServer moto, String name) {
        return new EventBridgeToSqs(moto, name, false);
    }

    private String policy() {
        return Json.write(
                "policy",
                Map.of(
                        "Version",
                        "2012-10-17",
                        "Statement",
                        List.of(Map.of(
                                "Effect",
                                "Allow",
                                "Principal",
                                Map.of("Service", "events.amazonaws.com"),
                                "Action",
                                "sqs:SendMessage",
                                "Resource",
                                queueArn,
                                "Condition",
                                Map.of(
                                        "ArnEquals",
                                        Map.of(
                                                "aws:SourceArn",
                                                "arn:aws:events:" + MotoServer.REGION + ":" + MotoServer.ACCOUNT_ID
                                                        + ":rule/" + rule))))));
    }

    public String queueUrl() {
        return queueUrl;
    }

    public String queueArn() {
        return queueArn;
    }

    public String rule() {
        return rule;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public EventBridgeClient events() {
        return events;
    }

    /** Puts the execution's status change on the default bus, as Step Functions does. */
    public void publish(DescribeExecutionResponse execution, boolean includeOutput) {
        Map<?, ?> event = (Map<?, ?>) Json.parse("event", StatusChanges.event(execution, includeOutput));
        var answer = events.putEvents(b -> b.entries(e -> e.source(StatusChangeEvents.SOURCE)
                .detailType(StatusChangeEvents.DETAIL_TYPE)
                .resources(execution.executionArn())
                .detail(Json.write("detail", event.get("detail")))));
        if (answer.failedEntryCount() != null && answer.failedEntryCount() > 0) {
            throw new AssertionError("PutEvents refused the status change of " + execution.executionArn());
        }
    }

    /** When the execution ends (read straight from moto), publishes its status change with its output. */
    public Future<DescribeExecutionResponse> publishWhenEnded(String executionArn) {
        return publisher.submit(() -> {
            DescribeExecutionResponse ended = Executions.awaitEnd(sfn, executionArn, Duration.ofSeconds(60));
            publish(ended, true);
            return ended;
        });
    }

    /** Messages in the queue, visible or received and not yet deleted. */
    public int messagesLeft() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    @Override
    public void close() {
        publisher.shutdownNow();
        sqs.close();
        events.close();
        sfn.close();
    }
}
