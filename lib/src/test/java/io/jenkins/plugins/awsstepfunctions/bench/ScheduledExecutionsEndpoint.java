package io.jenkins.plugins.awsstepfunctions.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.awsstepfunctions.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's in-process stand-in for Step Functions (the issue asks for one; moto could not serve 10,000
 * executions at thousands of calls a second on two cores). Each execution is RUNNING until its scheduled end, then
 * SUCCEEDED. It answers DescribeExecution, ListExecutions (RUNNING filter, paged) and counts every call per second.
 */
final class ScheduledExecutionsEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final Map<String, Long> endByExecution = new ConcurrentHashMap<>();
    private final Map<String, String> stateMachineByExecution = new ConcurrentHashMap<>();
    private final Map<String, List<String>> executionsByStateMachine = new ConcurrentHashMap<>();
    private final Map<Long, AtomicLong> callsPerSecond = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();

    ScheduledExecutionsEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void schedule(String stateMachineArn, String executionArn, long endEpochMillis) {
        endByExecution.put(executionArn, endEpochMillis);
        stateMachineByExecution.put(executionArn, stateMachineArn);
        executionsByStateMachine
                .computeIfAbsent(stateMachineArn, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add(executionArn);
    }

    void resetCounts() {
        calls.set(0);
        callsPerSecond.clear();
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
        Map<?, ?> request = (Map<?, ?>)
                Json.parse("request", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Object response =
                switch (target == null ? "" : target) {
                    case "AWSStepFunctions.DescribeExecution" -> describe((String) request.get("executionArn"), now);
                    case "AWSStepFunctions.ListExecutions" -> list(request, now);
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
