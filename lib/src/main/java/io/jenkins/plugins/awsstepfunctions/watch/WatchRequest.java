package io.jenkins.plugins.awsstepfunctions.watch;

import io.jenkins.plugins.awsstepfunctions.connection.ConnectionSettings;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a watch needs except the live credentials, as plain serialisable data: a restarted process resumes the
 * watch from it (with {@link #withProgressAfter(long)} so progress already reported is not reported again).
 */
public final class WatchRequest implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ExecutionArn execution;
    private final ConnectionSettings connection;
    private final Instant deadline;
    private final WatchOptions options;
    private final long progressAfterEventId;

    private WatchRequest(
            ExecutionArn execution,
            ConnectionSettings connection,
            Instant deadline,
            WatchOptions options,
            long progressAfterEventId) {
        if (execution == null) {
            throw new InvalidSettingException("executionArn", "is required");
        }
        this.execution = execution.requireStandard("executionArn");
        this.connection = (connection == null ? ConnectionSettings.INHERIT : connection)
                .forArn("executionArn", execution.toString(), execution.region());
        this.deadline = deadline;
        this.options = options == null ? WatchOptions.defaults() : options;
        this.progressAfterEventId = progressAfterEventId;
    }

    /** @param deadline when to give up waiting, or {@code null} for never */
    public static WatchRequest of(
            ExecutionArn execution, ConnectionSettings connection, Instant deadline, WatchOptions options) {
        return new WatchRequest(execution, connection, deadline, options, 0);
    }

    /** The same request, reporting only progress after the given history event. */
    public WatchRequest withProgressAfter(long eventId) {
        return new WatchRequest(execution, connection, deadline, options, eventId);
    }

    public ExecutionArn execution() {
        return execution;
    }

    public ConnectionSettings connection() {
        return connection;
    }

    public Optional<Instant> deadline() {
        return Optional.ofNullable(deadline);
    }

    public WatchOptions options() {
        return options;
    }

    public long progressAfterEventId() {
        return progressAfterEventId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WatchRequest other
                && execution.equals(other.execution)
                && connection.equals(other.connection)
                && Objects.equals(deadline, other.deadline)
                && options.equals(other.options)
                && progressAfterEventId == other.progressAfterEventId;
    }

    @Override
    public int hashCode() {
        return Objects.hash(execution, connection, deadline, options, progressAfterEventId);
    }

    @Override
    public String toString() {
        return "Watch{" + execution + (deadline == null ? "" : ", until " + deadline) + "}";
    }
}
