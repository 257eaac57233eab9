package io.jenkins.plugins.awsstepfunctions.connection;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The SQS client that reads the status-change queue and the EventBridge client that checks the rule feeding it, built
 * from the same connection settings as the Step Functions clients (TLS, proxy, client settings, role), with what they
 * own. Closed together.
 */
public final class QueueClients implements AutoCloseable {

    private final SqsClient sqs;
    private final EventBridgeClient events;
    private final List<SdkAutoCloseable> resources;

    QueueClients(SqsClient sqs, EventBridgeClient events, List<SdkAutoCloseable> resources) {
        this.sqs = sqs;
        this.events = events;
        this.resources = resources;
    }

    /**
     * @param queueEndpoint the queue URL without its path
     * @param queueRegion the region the queue's host names, if any (else the settings' region, else the SDK's)
     * @param awsHosted whether the queue is AWS's (EventBridge is then called at its regional endpoint, else at the
     *     emulator's)
     * @param longPoll the longest ReceiveMessage wait the clients must allow
     * @throws InvalidSettingException when the settings cannot work (before any call)
     */
    public static QueueClients open(
            ConnectionSettings settings,
            CredentialsSource credentials,
            URI queueEndpoint,
            Optional<String> queueRegion,
            boolean awsHosted,
            Duration longPoll) {
        return new SdkClientFactory(CredentialRefresh.SDK_DEFAULTS)
                .buildQueue(settings, credentials, queueEndpoint, queueRegion, awsHosted, longPoll);
    }

    public SqsClient sqs() {
        return sqs;
    }

    public EventBridgeClient events() {
        return events;
    }

    @Override
    public void close() {
        resources.forEach(SdkAutoCloseable::close);
    }
}
