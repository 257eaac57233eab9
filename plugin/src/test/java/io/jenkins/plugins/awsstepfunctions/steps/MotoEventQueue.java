package io.jenkins.plugins.awsstepfunctions.steps;

import io.jenkins.plugins.awsstepfunctions.json.Json;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An SQS queue on moto as the documentation sets one up for event-driven completion (its policy lets EventBridge send
 * to it, a rule on the default bus sends it Step Functions status changes), and the status-change events Step
 * Functions would publish, put on the bus through EventBridge so that moto routes them to the queue by the rule.
 */
public final class MotoEventQueue implements AutoCloseable {

    public static final String SOURCE = "aws.states";
    public static final String DETAIL_TYPE = "Step Functions Execution Status Change";

    private final SqsClient sqs;
    private final EventBridgeClient events;
    private final String url;
    private final String arn;

    private MotoEventQueue(SqsClient sqs, EventBridgeClient events, String url, String arn) {
        this.sqs = sqs;
        this.events = events;
        this.url = url;
        this.arn = arn;
    }

    /** A new queue under a unique name, whose policy lets events.amazonaws.com send to it; no rule feeds it yet. */
    public static MotoEventQueue create(MotoServer moto) {
        StaticCredentialsProvider keys = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(MotoServer.ACCESS_KEY_ID, MotoServer.SECRET_ACCESS_KEY));
        SqsClient sqs = SqsClient.builder()
                .endpointOverride(moto.endpoint())
                .region(Region.of(MotoServer.REGION))
                .credentialsProvider(keys)
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
        EventBridgeClient events = EventBridgeClient.builder()
                .endpointOverride(moto.endpoint())
                .region(Region.of(MotoServer.REGION))
                .credentialsProvider(keys)
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
        String name = "sfn-status-changes-" + UUID.randomUUID().toString().substring(0, 8);
        String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"events.amazonaws.com\"},\"Action\":\"sqs:SendMessage\","
                + "\"Resource\":\"" + arn + "\"}]}";
        sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(QueueAttributeName.POLICY, policy)));
        return new MotoEventQueue(sqs, events, url, arn);
    }

    /** The queue's URL, as the global configuration's eventQueueUrl takes it. */
    public String url() {
        return url;
    }

    public String arn() {
        return arn;
    }

    /** The rule the documentation asks for: Step Functions status changes on the default bus go to this queue. */
    public String routeStatusChanges() {
        String rule = "sfn-status-changes-to-" + arn.substring(arn.lastIndexOf(':') + 1);
        events.putRule(b -> b.name(rule)
                .eventPattern("{\"source\":[\"" + SOURCE + "\"],\"detail-type\":[\"" + DETAIL_TYPE + "\"]}"));
        events.putTargets(
                b -> b.rule(rule).targets(Target.builder().id("queue").arn(arn).build()));
        return rule;
    }

    /** A message that is not an event: a receive waiting on the queue answers at once (and the reader drops it). */
    public void sendNonEvent() {
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("{\"note\":\"not a status change\"}"));
    }

    /** Publishes the status change Step Functions sends when an execution ends, with its output included. */
    public void publishStatusChange(DescribeExecutionResponse execution) {
        PutEventsResponse answer = events.putEvents(b -> b.entries(PutEventsRequestEntry.builder()
                .source(SOURCE)
                .detailType(DETAIL_TYPE)
                .resources(execution.executionArn())
                .detail(detail(execution))
                .build()));
        if (answer.failedEntryCount() != null && answer.failedEntryCount() > 0) {
            throw new AssertionError("EventBridge refused the status change: " + answer.entries());
        }
    }

    /**
     * The event's {@code detail} as Step Functions writes it: DescribeExecution's fields, dates in epoch milliseconds,
     * and whether the output was included (it is, unless it is too large for an event).
     */
    public static String detail(DescribeExecutionResponse execution) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("executionArn", execution.executionArn());
        detail.put("stateMachineArn", execution.stateMachineArn());
        detail.put("name", execution.name());
        detail.put("status", execution.statusAsString());
        detail.put("startDate", execution.startDate().toEpochMilli());
        detail.put(
                "stopDate",
                execution.stopDate() == null ? null : execution.stopDate().toEpochMilli());
        detail.put("input", execution.input());
        detail.put("inputDetails", Map.of("included", true));
        detail.put("output", execution.output());
        detail.put("outputDetails", Map.of("included", true));
        detail.put("redriveCount", 0);
        detail.put("error", execution.error());
        detail.put("cause", execution.cause());
        return Json.write("detail", detail);
    }

    @Override
    public void close() {
        sqs.close();
        events.close();
    }
}
