package io.jenkins.plugins.awsstepfunctions.execution;

import io.jenkins.plugins.awsstepfunctions.connection.ClientSettings;
import io.jenkins.plugins.awsstepfunctions.connection.ConnectionSettings;
import java.time.Duration;
import java.util.Map;

/**
 * How a client for StartSyncExecution must differ: its answer comes when the EXPRESS execution ends, up to 5
 * minutes later (the default 30-second read timeout would abandon it, and the SDK would then start the workflow
 * again), and a request that may have been sent is never sent twice, since StartSyncExecution is not idempotent.
 */
public final class SynchronousRuns {

    /** The EXPRESS limit, and room for the answer to arrive. */
    public static final Duration READ_TIMEOUT = Duration.ofMinutes(5).plusSeconds(30);

    private SynchronousRuns() {}

    /** The connection's settings with a read timeout that covers the EXPRESS limit, and a single attempt. */
    public static ConnectionSettings settings(ConnectionSettings connection) {
        ClientSettings sync = ClientSettings.fromMap(
                "clientConfig",
                Map.of(
                        "read_timeout",
                                Math.max(
                                        READ_TIMEOUT.toSeconds(),
                                        connection
                                                .clientSettings()
                                                .readTimeout()
                                                .map(Duration::toSeconds)
                                                .orElse(0L)),
                        "retries", Map.of("total_max_attempts", 1)));
        return connection.toBuilder()
                .clientSettings(sync.over(connection.clientSettings()))
                .build();
    }
}
