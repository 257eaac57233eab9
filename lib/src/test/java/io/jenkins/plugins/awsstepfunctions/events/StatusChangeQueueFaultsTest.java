package io.jenkins.plugins.awsstepfunctions.events;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.jenkins.plugins.awsstepfunctions.connection.ClientSettings;
import io.jenkins.plugins.awsstepfunctions.connection.ConnectionSettings;
import io.jenkins.plugins.awsstepfunctions.connection.CredentialsSource;
import io.jenkins.plugins.awsstepfunctions.connection.QueueClients;
import io.jenkins.plugins.awsstepfunctions.json.Json;
import io.jenkins.plugins.awsstepfunctions.testing.TestResources;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The queue reader against SQS faults, with SQS's JSON protocol served by WireMock. */
class StatusChangeQueueFaultsTest {

    private static final String DRAINED = "drained";

    @RegisterExtension
    static WireMockExtension sqs = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final RecordingSink sink = new RecordingSink();
    private QueueClients clients;
    private EventQueueSettings settings;

    @BeforeEach
    void clients() {
        settings = EventQueueSettings.builder(sqs.baseUrl() + "/123456789012/sfn-status-changes")
                .waitTime(Duration.ofSeconds(1))
                .receivers(1)
                .build();
        ConnectionSettings connection = ConnectionSettings.builder()
                .region("us-east-1")
                .clientSettings(
                        ClientSettings.fromMap("clientConfig", Map.of("retries", Map.of("total_max_attempts", 1))))
                .build();
        clients = settings.openClients(connection, CredentialsSource.staticKeys("AKIAFAULTS0000000001", "s", null));
        sqs.stubFor(
                operation("DeleteMessageBatch").willReturn(json(Map.of("Successful", List.of(), "Failed", List.of()))));
    }

    @AfterEach
    void close() {
        clients.close();
    }

    @Test
    void aPoisonMessageAndOtherEventsAreDeletedAndTheStatusChangeApplied() throws Exception {
        receiveOnce(
                message("m-good", "r-good", TestResources.text("/events/succeeded.json")),
                message("m-poison", "r-poison", "password=hunter2 {{{"),
                message("m-other", "r-other", "{\"source\":\"aws.s3\",\"detail-type\":\"Object Created\"}"));

        try (StatusChangeQueue queue = start()) {
            await(() -> queue.stats().deleted() == 3, "the three messages are deleted");

            QueueStats stats = queue.stats();
            assertThat(sink.events).hasSize(1);
            assertThat(stats.messages()).isEqualTo(3);
            assertThat(stats.statusChanges()).isEqualTo(1);
            assertThat(stats.malformed()).isEqualTo(1);
            assertThat(stats.ignored()).isEqualTo(1);
            assertThat(stats.lastProblem().orElseThrow()).contains("m-poison").doesNotContain("hunter2");
            assertThat(deleteBodies())
                    .anySatisfy(body -> assertThat(body)
                            .contains("r-good")
                            .contains("r-poison")
                            .contains("r-other"));
        }
    }

    @Test
    void statusChangesTheSinkCouldNotApplyStayInTheQueue() throws Exception {
        sink.refuse = true;
        receiveOnce(
                message("m-good", "r-good", TestResources.text("/events/succeeded.json")),
                message("m-poison", "r-poison", "not json"));

        try (StatusChangeQueue queue = start()) {
            await(() -> queue.stats().deleted() == 1, "the unreadable message is deleted");

            assertThat(deleteBodies()).allSatisfy(body -> assertThat(body).doesNotContain("r-good"));
        }
    }

    @Test
    void throttledReceivesBackOffSayEventsAreUnavailableAndRecover() throws Exception {
        for (int i = 0; i < 3; i++) {
            sqs.stubFor(operation("ReceiveMessage")
                    .inScenario("throttled")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "failed-" + i)
                    .willSetStateTo(i == 2 ? "recovered" : "failed-" + (i + 1))
                    .willReturn(error("RequestThrottled", "Rate exceeded")));
        }
        sqs.stubFor(operation("ReceiveMessage")
                .inScenario("throttled")
                .whenScenarioStateIs("recovered")
                .willSetStateTo(DRAINED)
                .willReturn(json(
                        Map.of("Messages", List.of(message("m", "r", TestResources.text("/events/succeeded.json")))))));
        sqs.stubFor(operation("ReceiveMessage")
                .inScenario("throttled")
                .whenScenarioStateIs(DRAINED)
                .willReturn(json(Map.of()).withFixedDelay(200)));

        try (StatusChangeQueue queue = start()) {
            await(() -> sink.events.size() == 1, "the event after the throttling is applied");

            assertThat(queue.stats().failedReceives()).isEqualTo(3);
            assertThat(sink.availability).containsExactly(false, true);
            assertThat(sink.whys.get(0)).contains("throttled").contains("Waits poll");
        }
    }

    @Test
    void aDeniedReceiveNamesThePermission() throws Exception {
        sqs.stubFor(operation("ReceiveMessage").willReturn(error("AccessDenied", "not authorized")));

        try (StatusChangeQueue queue = start()) {
            await(() -> queue.stats().failedReceives() >= 1, "a receive fails");

            assertThat(queue.stats().lastProblem().orElseThrow())
                    .contains("ReceiveMessage")
                    .contains("sqs:ReceiveMessage");
            assertThat(queue.stats().available()).isFalse();
        }
    }

    @Test
    void aFixedNumberOfReceiversWhateverTheLoadAndNoneAfterClose() throws Exception {
        sqs.stubFor(operation("ReceiveMessage").willReturn(json(Map.of()).withFixedDelay(200)));
        settings = EventQueueSettings.builder(settings.queueUrl().toString())
                .waitTime(Duration.ofSeconds(1))
                .receivers(3)
                .build();

        StatusChangeQueue queue = start();
        await(() -> queue.stats().receiveCalls() >= 6, "the receivers poll");
        assertThat(receiverThreads()).isEqualTo(3);

        queue.close();

        await(() -> receiverThreads() == 0, "the receivers end");
        assertThat(sink.availability).last().isEqualTo(false);
        assertThat(sink.whys).last().asString().contains("no longer read");
    }

    private StatusChangeQueue start() {
        return new StatusChangeQueue(clients.sqs(), settings, sink, Duration.ofMillis(10), Clock.systemUTC()).start();
    }

    private static long receiverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("sfn-events-receiver-") && t.isAlive())
                .count();
    }

    private static void receiveOnce(Map<?, ?>... messages) {
        sqs.stubFor(operation("ReceiveMessage")
                .inScenario("once")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo(DRAINED)
                .willReturn(json(Map.of("Messages", List.of(messages)))));
        sqs.stubFor(operation("ReceiveMessage")
                .inScenario("once")
                .whenScenarioStateIs(DRAINED)
                .willReturn(json(Map.of()).withFixedDelay(200)));
    }

    private static List<String> deleteBodies() {
        return sqs
                .findAll(postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("AmazonSQS.DeleteMessageBatch")))
                .stream()
                .map(r -> r.getBodyAsString())
                .toList();
    }

    private static MappingBuilder operation(String name) {
        return post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSQS." + name))
                .withRequestBody(containing("sfn-status-changes"));
    }

    /** A message as SQS's JSON protocol returns it; the SDK checks MD5OfBody. */
    private static Map<String, Object> message(String id, String receiptHandle, String body) {
        try {
            String md5 = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
            return Map.of("MessageId", id, "ReceiptHandle", receiptHandle, "MD5OfBody", md5, "Body", body);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ResponseDefinitionBuilder json(Map<String, ?> body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.0")
                .withBody(Json.write("response", body));
    }

    /** An SQS error in its JSON protocol: the query-compatible code in a header, the JSON type in the body. */
    private static ResponseDefinitionBuilder error(String code, String message) {
        return aResponse()
                .withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.0")
                .withHeader("x-amzn-query-error", code + ";Sender")
                .withBody(Json.write("error", Map.of("__type", "com.amazonaws.sqs#" + code, "message", message)));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("Not within 20 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Records what the queue hands over; can refuse to apply. */
    static final class RecordingSink implements StatusChangeSink {
        final List<StatusChangeEvent> events = new CopyOnWriteArrayList<>();
        final List<Boolean> availability = new CopyOnWriteArrayList<>();
        final List<String> whys = new CopyOnWriteArrayList<>();
        volatile boolean refuse;

        @Override
        public CompletableFuture<Void> apply(List<StatusChangeEvent> applied) {
            if (refuse) {
                return CompletableFuture.failedFuture(new IllegalStateException("closed"));
            }
            events.addAll(applied);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void available(boolean available, String why) {
            availability.add(available);
            whys.add(why);
        }
    }
}
