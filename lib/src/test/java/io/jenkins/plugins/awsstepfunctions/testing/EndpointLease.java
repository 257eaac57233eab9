package io.jenkins.plugins.awsstepfunctions.testing;

import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.ClientSettings;
import io.jenkins.plugins.awsstepfunctions.connection.ConnectionSettings;
import io.jenkins.plugins.awsstepfunctions.connection.CredentialsSource;
import io.jenkins.plugins.awsstepfunctions.connection.StepFunctionsClients;

/**
 * A client lease on a test endpoint (WireMock, or WireMock in front of moto) in us-east-1, built as production builds
 * them, with its own client cache; closed together.
 */
public final class EndpointLease implements AutoCloseable {

    public static final CredentialsSource KEYS = CredentialsSource.staticKeys("AKIAWIREMOCKKEY00001", "secret", null);

    private final StepFunctionsClients clients = new StepFunctionsClients();
    private final ClientLease lease;

    private EndpointLease(String endpoint, ClientSettings clientSettings) {
        ConnectionSettings.Builder settings =
                ConnectionSettings.builder().region("us-east-1").endpointUrl(endpoint);
        if (clientSettings != null) {
            settings.clientSettings(clientSettings);
        }
        this.lease = clients.lease(settings.build(), KEYS);
    }

    public static EndpointLease at(String endpoint) {
        return new EndpointLease(endpoint, null);
    }

    public static EndpointLease at(String endpoint, ClientSettings clientSettings) {
        return new EndpointLease(endpoint, clientSettings);
    }

    public ClientLease lease() {
        return lease;
    }

    @Override
    public void close() {
        lease.close();
        clients.close();
    }
}
