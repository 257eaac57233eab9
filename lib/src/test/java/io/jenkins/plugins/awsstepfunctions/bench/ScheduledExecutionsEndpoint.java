package io.jenkins.plugins.awsstepfunctions.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.awsstepfunctions.json.Json;
import io.jenkins.plugins.awsstepfunctions.testing.StatusChanges;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The benchmark's in-process stand-in for Step Functions (the issue asks for one; moto could not serve 10,000
 * executions at thousands of calls a second on two cores). Each execution is RUNNING until its scheduled end, then
 * SUCCEEDED. It answers DescribeExecution, ListExecutions (RUNNING filter, paged) and counts every call per second.
 *
 * <p>With {@link #publishEvents()}, it is also the SQS queue an EventBridge rule fills: at each execution's end its
 * status-change event (shaped as Step Functions sends it) becomes receivable, and ReceiveMessage (long polling, up to
 * 10 messages) and DeleteMessageBatch are answered in SQS's JSON protocol. Visibility timeouts are not modelled: a
 * received message is gone.
 */
final class ScheduledExecutionsEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final Map<String, Long> endByExecution = new ConcurrentHashMap<>();
    private final Map<String, String> stateMachineByExecution = new ConcurrentHashMap<>();
    private final Map<String, List<String>> executionsByStateMachine = new ConcurrentHashMap<>();
    private final Map<Long, AtomicLong> callsPerSecond = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private final Map<String, AtomicLong> callsByOperation = new ConcurrentHashMap<>();
    private final DelayQueue<PendingEvent> events = new DelayQueue<>();
    private volatile boolean publishEvents;

    /** A status change that becomes receivable at its execution's end. */
    private record PendingEvent(long atMillis, String executionArn) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(atMillis - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(atMillis, ((PendingEvent) other).atMillis);
        }
    }

    ScheduledExecutionsEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** From now on, each execution scheduled publishes its status change at its end. */
    void publishEvents() {
        publishEvents = true;
    }

    /** The queue URL ReceiveMessage answers for. */
    String queueUrl() {
        return endpoint() + "/123456789012/bench-status-changes";
    }

    void schedule(String stateMachineArn, String executionArn, long endEpochMillis) {
        if (publishEvents) {
            events.add(new PendingEvent(endEpochMillis, executionArn));
        }
        endByExecution.put(executionArn, endEpochMillis);
        stateMachineByExecution.put(executionArn, stateMachineArn);
        executionsByStateMachine
                .computeIfAbsent(stateMachineArn, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add(executionArn);
    }

    void resetCounts() {
        calls.set(0);
        callsPerSecond.clear();
        callsByOperation.clear();
    }

    /** Calls by operation, e.g. {@code DescribeExecution=12}. */
    Map<String, Long> callsByOperation() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        callsByOperation.forEach((operation, count) -> counts.put(operation, count.get()));
        return counts;
    }

    long calls() {
        return calls.get();
    }

    /** The most calls any one wall-clock second saw. */
    long peakCallsPerSecond() {
        return callsPerSecond.values().stream().mapToLong(AtomicLong::get).max().orElse(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long now = System.currentTimeMillis();
        calls.incrementAndGet();
        callsPerSecond.computeIfAbsent(now / 1000, k -> new AtomicLong()).incrementAndGet();
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        callsByOperation
                .computeIfAbsent(
                        target == null ? "?" : target.substring(target.indexOf('.') + 1), k -> new AtomicLong())
                .incrementAndGet();
        Map<?, ?> request = (Map<?, ?>)
                Json.parse("request", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Object response =
                switch (target == null ? "" : target) {
                    case "AWSStepFunctions.DescribeExecution" -> describe((String) request.get("executionArn"), now);
                    case "AWSStepFunctions.ListExecutions" -> list(request, now);
                    case "AmazonSQS.ReceiveMessage" -> receive(request);
                    case "AmazonSQS.DeleteMessageBatch" -> Map.of("Successful", List.of(), "Failed", List.of());
                    default -> null;
                };
        byte[] body = Json.write(
                        "response",
                        response == null
                                ? Map.of("__type", "UnknownOperationException", "message", String.valueOf(target))
                                : response)
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
        if (response == null) {
            exchange.getResponseHeaders().add("x-amzn-ErrorType", "UnknownOperationException");
        }
        exchange.sendResponseHeaders(response == null ? 400 : 200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private Map<String, Object> receive(Map<?, ?> request) {
        long waitMillis = request.get("WaitTimeSeconds") instanceof Number n ? n.longValue() * 1000 : 0;
        int max = request.get("MaxNumberOfMessages") instanceof Number n ? n.intValue() : 1;
        List<Map<String, Object>> messages = new ArrayList<>();
        try {
            PendingEvent first = events.poll(waitMillis, TimeUnit.MILLISECONDS);
            while (first != null) {
                messages.add(message(first));
                first = messages.size() < max ? events.poll() : null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return messages.isEmpty() ? Map.of() : Map.of("Messages", messages);
    }

    private Map<String, Object> message(PendingEvent pending) {
        long end = pending.atMillis();
        String body = StatusChanges.event(
                DescribeExecutionResponse.builder()
                        .executionArn(pending.executionArn())
                        .stateMachineArn(stateMachineByExecution.get(pending.executionArn()))
                        .name(pending.executionArn()
                                .substring(pending.executionArn().lastIndexOf(':') + 1))
                        .status(ExecutionStatus.SUCCEEDED)
                        .startDate(Instant.ofEpochMilli(end - 1000))
                        .stopDate(Instant.ofEpochMilli(end))
                        .input("{}")
                        .output("{}")
                        .redriveCount(0)
                        .build(),
                true);
        String id = UUID.randomUUID().toString();
        return Map.of("MessageId", id, "ReceiptHandle", id, "MD5OfBody", md5(body), "Body", body);
    }

    private static String md5(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> describe(String executionArn, long now) {
        Long end = endByExecution.get(executionArn);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("executionArn", executionArn);
        out.put("stateMachineArn", stateMachineByExecution.getOrDefault(executionArn, "unknown"));
        out.put("startDate", (end == null ? now : end - 1000) / 1000.0);
        boolean running = end == null || now < end;
        out.put("status", running ? "RUNNING" : "SUCCEEDED");
        if (!running) {
            out.put("stopDate", end / 1000.0);
            out.put("output", "{}");
        }
        return out;
    }

    private Map<String, Object> list(Map<?, ?> request, long now) {
        List<String> all = executionsByStateMachine.getOrDefault((String) request.get("stateMachineArn"), List.of());
        int from = request.get("nextToken") == null ? 0 : Integer.parseInt((String) request.get("nextToken"));
        int max = request.get("maxResults") == null ? 100 : ((Number) request.get("maxResults")).intValue();
        List<Map<String, Object>> page = new ArrayList<>();
        int i = from;
        List<String> snapshot;
        synchronized (all) {
            snapshot = new ArrayList<>(all);
        }
        for (; i < snapshot.size() && page.size() < max; i++) {
            String arn = snapshot.get(i);
            if (now < endByExecution.get(arn)) {
                page.add(Map.of(
                        "executionArn",
                        arn,
                        "stateMachineArn",
                        request.get("stateMachineArn"),
                        "name",
                        arn.substring(arn.lastIndexOf(':') + 1),
                        "status",
                        "RUNNING",
                        "startDate",
                        (endByExecution.get(arn) - 1000) / 1000.0));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("executions", page);
        if (i < snapshot.size()) {
            out.put("nextToken", Integer.toString(i));
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
