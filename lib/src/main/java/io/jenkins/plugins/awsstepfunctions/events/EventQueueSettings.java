package io.jenkins.plugins.awsstepfunctions.events;

import io.jenkins.plugins.awsstepfunctions.connection.ConnectionSettings;
import io.jenkins.plugins.awsstepfunctions.connection.CredentialsSource;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.connection.QueueClients;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which SQS queue carries the status-change events, and how it is read. */
public final class EventQueueSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_RECEIVERS = 2;
    public static final int MAX_RECEIVERS = 10;
    /** SQS's longest long poll. */
    public static final Duration MAX_WAIT_TIME = Duration.ofSeconds(20);

    private static final Pattern PATH =
            Pattern.compile("/(\\d{12})/([A-Za-z0-9_-]{1,75}(?:\\.fifo)?|[A-Za-z0-9_-]{1,80})");
    /** sqs.us-east-1.amazonaws.com, us-east-1.queue.amazonaws.com, sqs-fips.us-gov-west-1.amazonaws.com, … */
    private static final Pattern REGION_IN_HOST = Pattern.compile("(?:^|\\.)([a-z]{2}(?:-[a-z]+)+-\\d)\\.");

    private final URI queueUrl;
    private final int receivers;
    private final Duration waitTime;

    private EventQueueSettings(Builder builder) {
        this.queueUrl = queueUrl(builder.queueUrl);
        if (builder.receivers < 1 || builder.receivers > MAX_RECEIVERS) {
            throw new InvalidSettingException(
                    "receivers", builder.receivers + " is not allowed; use 1 to " + MAX_RECEIVERS);
        }
        this.receivers = builder.receivers;
        if (builder.waitTime.compareTo(Duration.ofSeconds(1)) < 0 || builder.waitTime.compareTo(MAX_WAIT_TIME) > 0) {
            throw new InvalidSettingException(
                    "waitTime", builder.waitTime.toSeconds() + " seconds is not allowed; use 1 to 20 seconds");
        }
        this.waitTime = builder.waitTime;
    }

    private static URI queueUrl(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidSettingException(
                    "queueUrl",
                    "is required, e.g. https://sqs.us-east-1.amazonaws.com/123456789012/sfn-status-changes");
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new InvalidSettingException("queueUrl", "is not a URL; use the queue's URL as SQS shows it");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new InvalidSettingException(
                    "queueUrl", "must be an https URL (http only for a local emulator), as SQS shows it");
        }
        if (uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new InvalidSettingException("queueUrl", "must not carry a login, a query or a fragment");
        }
        if (uri.getPath() == null || !PATH.matcher(uri.getPath()).matches()) {
            throw new InvalidSettingException(
                    "queueUrl", "must end in /<12-digit account>/<queue name>, as SQS shows the queue's URL");
        }
        return uri;
    }

    public static Builder builder(String queueUrl) {
        return new Builder(queueUrl);
    }

    public URI queueUrl() {
        return queueUrl;
    }

    /** The queue's endpoint: the URL without its path. */
    public URI endpoint() {
        return URI.create(queueUrl.getScheme() + "://" + queueUrl.getRawAuthority());
    }

    public String account() {
        Matcher m = PATH.matcher(queueUrl.getPath());
        m.matches();
        return m.group(1);
    }

    /** The region named by an AWS host (sqs.eu-west-1.amazonaws.com); empty for an emulator's. */
    public Optional<String> region() {
        Matcher m = REGION_IN_HOST.matcher(queueUrl.getHost());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** An AWS endpoint rather than an emulator's (the EventBridge check then uses EventBridge's regional one). */
    public boolean awsHosted() {
        String host = queueUrl.getHost().toLowerCase(Locale.ROOT);
        return host.endsWith(".amazonaws.com") || host.endsWith(".amazonaws.com.cn");
    }

    /** SQS and EventBridge clients for this queue, with the connection's TLS, proxy, client settings and identity. */
    public QueueClients openClients(ConnectionSettings connection, CredentialsSource credentials) {
        return QueueClients.open(connection, credentials, endpoint(), region(), awsHosted(), waitTime);
    }

    /** Threads that long-poll the queue (each holds one ReceiveMessage call at a time). */
    public int receivers() {
        return receivers;
    }

    /** How long one ReceiveMessage waits for messages (SQS long polling). */
    public Duration waitTime() {
        return waitTime;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventQueueSettings other
                && queueUrl.equals(other.queueUrl)
                && receivers == other.receivers
                && waitTime.equals(other.waitTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(queueUrl, receivers, waitTime);
    }

    @Override
    public String toString() {
        return queueUrl.toString();
    }

    public static final class Builder {
        private final String queueUrl;
        private int receivers = DEFAULT_RECEIVERS;
        private Duration waitTime = MAX_WAIT_TIME;

        private Builder(String queueUrl) {
            this.queueUrl = queueUrl;
        }

        public Builder receivers(int receivers) {
            this.receivers = receivers;
            return this;
        }

        public Builder waitTime(Duration waitTime) {
            this.waitTime = waitTime == null ? MAX_WAIT_TIME : waitTime;
            return this;
        }

        public EventQueueSettings build() {
            return new EventQueueSettings(this);
        }
    }
}
