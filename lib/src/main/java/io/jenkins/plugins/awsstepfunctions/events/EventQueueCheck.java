package io.jenkins.plugins.awsstepfunctions.events;

import io.jenkins.plugins.awsstepfunctions.connection.QueueClients;
import io.jenkins.plugins.awsstepfunctions.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.ListRuleNamesByTargetResponse;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The global configuration's Test button: can the queue be read, may EventBridge send to it, and does an enabled rule
 * on the default event bus send Step Functions status changes to it. Reads only; no message is received or sent.
 */
public final class EventQueueCheck {

    public enum Level {
        OK,
        WARNING,
        ERROR
    }

    public record Finding(Level level, String text) {}

    /** The findings in order; the check passed when none is an error. */
    public record Result(List<Finding> findings) {
        public boolean passed() {
            return findings.stream().noneMatch(f -> f.level() == Level.ERROR);
        }
    }

    private EventQueueCheck() {}

    public static Result run(QueueClients clients, EventQueueSettings queue) {
        List<Finding> findings = new ArrayList<>();
        GetQueueAttributesResponse attributes;
        try {
            attributes = clients.sqs()
                    .getQueueAttributes(b -> b.queueUrl(queue.queueUrl().toString())
                            .attributeNames(
                                    QueueAttributeName.QUEUE_ARN,
                                    QueueAttributeName.POLICY,
                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        } catch (SdkException e) {
            findings.add(new Finding(Level.ERROR, QueueErrors.explain("GetQueueAttributes", queue.toString(), e)));
            return new Result(findings);
        }
        Map<QueueAttributeName, String> values = attributes.attributes();
        String queueArn = values.get(QueueAttributeName.QUEUE_ARN);
        if (queueArn == null) {
            findings.add(new Finding(Level.ERROR, "SQS did not say the queue's ARN; the rule cannot be checked."));
            return new Result(findings);
        }
        findings.add(new Finding(
                Level.OK,
                "The queue " + queueArn + " can be read ("
                        + values.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "?")
                        + " messages waiting)."));
        String policy = values.get(QueueAttributeName.POLICY);
        if (policy == null || !policy.contains("events.amazonaws.com")) {
            findings.add(new Finding(
                    Level.WARNING,
                    "The queue's policy does not let events.amazonaws.com send messages (sqs:SendMessage);"
                            + " EventBridge cannot deliver to it. See the queue policy in the documentation."));
        }
        findings.add(rule(clients, queueArn));
        return new Result(findings);
    }

    private static Finding rule(QueueClients clients, String queueArn) {
        List<String> disabled = new ArrayList<>();
        List<String> otherPatterns = new ArrayList<>();
        try {
            String token = null;
            do {
                String page = token;
                ListRuleNamesByTargetResponse names = clients.events()
                        .listRuleNamesByTarget(b -> b.targetArn(queueArn).nextToken(page));
                for (String name : names.ruleNames()) {
                    DescribeRuleResponse rule = clients.events().describeRule(b -> b.name(name));
                    if (!matchesStatusChanges(rule.eventPattern())) {
                        otherPatterns.add(name);
                    } else if (rule.state() != RuleState.ENABLED) {
                        disabled.add(name);
                    } else {
                        return new Finding(
                                Level.OK,
                                "The EventBridge rule " + name + " sends Step Functions status changes to the queue.");
                    }
                }
                token = names.nextToken();
            } while (token != null);
        } catch (SdkException e) {
            return new Finding(Level.ERROR, QueueErrors.explain("ListRuleNamesByTarget", queueArn, e));
        }
        if (!disabled.isEmpty()) {
            return new Finding(Level.ERROR, "The EventBridge rule " + String.join(", ", disabled) + " is disabled.");
        }
        return new Finding(
                Level.ERROR,
                "No rule on the default event bus sends Step Functions status changes (source aws.states, detail-type"
                        + " \"" + StatusChangeEvents.DETAIL_TYPE + "\") to the queue"
                        + (otherPatterns.isEmpty()
                                ? ""
                                : "; rules " + String.join(", ", otherPatterns) + " target it with another pattern")
                        + ". Create the rule (see the documentation); until then waits poll.");
    }

    /** An event pattern that lets status changes through: source aws.states, and that detail-type or none. */
    static boolean matchesStatusChanges(String pattern) {
        if (pattern == null) {
            return false;
        }
        Object parsed;
        try {
            parsed = Json.parse("event pattern", pattern);
        } catch (RuntimeException e) {
            return false;
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            return false;
        }
        return allows(map.get("source"), StatusChangeEvents.SOURCE, false)
                && allows(map.get("detail-type"), StatusChangeEvents.DETAIL_TYPE, true);
    }

    private static boolean allows(Object values, String wanted, boolean absentAllows) {
        if (values == null) {
            return absentAllows;
        }
        return values instanceof List<?> list && list.contains(wanted);
    }
}
