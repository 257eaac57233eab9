package io.jenkins.plugins.awsstepfunctions.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsstepfunctions.connection.QueueClients;
import io.jenkins.plugins.awsstepfunctions.events.EventQueueCheck.Finding;
import io.jenkins.plugins.awsstepfunctions.events.EventQueueCheck.Level;
import io.jenkins.plugins.awsstepfunctions.events.EventQueueCheck.Result;
import io.jenkins.plugins.awsstepfunctions.testing.EventBridgeToSqs;
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The Test button's check, against queues and rules in moto. */
@ExtendWith(MotoExtension.class)
class EventQueueCheckTest {

    private static final AtomicInteger NAMES = new AtomicInteger();

    @Test
    void aQueueFedByAnEnabledRulePasses(MotoServer moto) {
        try (EventBridgeToSqs infra = EventBridgeToSqs.create(moto, name())) {
            Result result = check(moto, infra.queueUrl());

            assertThat(result.passed()).isTrue();
            assertThat(result.findings()).extracting(Finding::level).containsExactly(Level.OK, Level.OK);
            assertThat(result.findings().get(1).text()).contains(infra.rule());
        }
    }

    @Test
    void aQueueNoRuleFeedsFailsAndSaysWhatToCreate(MotoServer moto) {
        try (EventBridgeToSqs infra = EventBridgeToSqs.withoutRule(moto, name())) {
            Result result = check(moto, infra.queueUrl());

            assertThat(result.passed()).isFalse();
            assertThat(result.findings().get(1).text())
                    .contains("No rule on the default event bus")
                    .contains("aws.states");
        }
    }

    @Test
    void aDisabledRuleIsNamed(MotoServer moto) {
        try (EventBridgeToSqs infra = EventBridgeToSqs.create(moto, name())) {
            infra.events().disableRule(b -> b.name(infra.rule()));

            Result result = check(moto, infra.queueUrl());

            assertThat(result.passed()).isFalse();
            assertThat(result.findings().get(1).text()).contains(infra.rule()).contains("disabled");
        }
    }

    @Test
    void aRuleWithAnotherPatternIsNamed(MotoServer moto) {
        try (EventBridgeToSqs infra = EventBridgeToSqs.withoutRule(moto, name())) {
            infra.events().putRule(b -> b.name(infra.rule()).eventPattern("{\"source\":[\"aws.s3\"]}"));
            infra.events()
                    .putTargets(b -> b.rule(infra.rule()).targets(t -> t.id("q").arn(infra.queueArn())));

            Result result = check(moto, infra.queueUrl());

            assertThat(result.passed()).isFalse();
            assertThat(result.findings().get(1).text()).contains("target it with another pattern");
        }
    }

    @Test
    void aQueuePolicyThatDoesNotLetEventBridgeSendIsAWarning(MotoServer moto) {
        try (EventBridgeToSqs infra = EventBridgeToSqs.create(moto, name())) {
            infra.sqs()
                    .setQueueAttributes(
                            b -> b.queueUrl(infra.queueUrl()).attributes(Map.of(QueueAttributeName.POLICY, "")));

            Result result = check(moto, infra.queueUrl());

            assertThat(result.findings()).anySatisfy(f -> {
                assertThat(f.level()).isEqualTo(Level.WARNING);
                assertThat(f.text()).contains("events.amazonaws.com");
            });
        }
    }

    @Test
    void aQueueThatDoesNotExistFails(MotoServer moto) {
        Result result = check(moto, moto.endpoint() + "/" + MotoServer.ACCOUNT_ID + "/no-such-queue-" + name());

        assertThat(result.passed()).isFalse();
        assertThat(result.findings())
                .singleElement()
                .satisfies(
                        f -> assertThat(f.text()).contains("GetQueueAttributes").contains("does not exist"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"source\":[\"aws.states\"],\"detail-type\":[\"Step Functions Execution Status Change\"]} | true",
                "{\"source\":[\"aws.states\"]} | true",
                "{\"source\":[\"aws.states\"],\"detail-type\":[\"AWS API Call via CloudTrail\"]} | false",
                "{\"source\":[\"aws.s3\"]} | false",
                "not json | false"
            })
    void patternsThatLetStatusChangesThrough(String pattern, boolean matches) {
        assertThat(EventQueueCheck.matchesStatusChanges(pattern)).isEqualTo(matches);
    }

    private static Result check(MotoServer moto, String queueUrl) {
        EventQueueSettings settings = EventQueueSettings.builder(queueUrl).build();
        try (QueueClients clients = settings.openClients(moto.settings(), MotoServer.credentials())) {
            return EventQueueCheck.run(clients, settings);
        }
    }

    private static String name() {
        return "check-" + NAMES.incrementAndGet();
    }
}
