package io.jenkins.plugins.awsstepfunctions.connection;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.awsstepfunctions.testing.TestResources;
import io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;

/** An HTTPS endpoint with its own self-signed certificate: trusted with its CA bundle or with verify off, only. */
class TlsVerificationTest {

    @RegisterExtension
    static WireMockExtension https = WireMockExtension.newInstance()
            .options(wireMockConfig()
                    .dynamicPort()
                    .dynamicHttpsPort()
                    .keystorePath(resourcePath("/tls/test-server.p12"))
                    .keystoreType("PKCS12")
                    .keystorePassword("test-only")
                    .keyManagerPassword("test-only"))
            .build();

    private static final CredentialsSource KEYS = CredentialsSource.staticKeys("AKIATLSTESTKEY000001", "secret", null);

    @BeforeEach
    void answerListStateMachines() {
        https.stubFor(WireMockStubs.operation("ListStateMachines")
                .willReturn(WireMockStubs.jsonResponse(Map.of("stateMachines", List.of()))));
    }

    private ConnectionSettings.Builder httpsEndpoint() {
        return ConnectionSettings.builder()
                .region("us-east-1")
                .endpointUrl("https://localhost:" + https.getRuntimeInfo().getHttpsPort());
    }

    @Test
    void certificateFromTheCaBundleIsTrusted() {
        ConnectionSettings settings = httpsEndpoint()
                .caBundlePem(TestResources.text("/tls/test-server.pem"))
                .build();

        assertThat(listStateMachines(settings)).isTrue();
    }

    @Test
    void selfSignedCertificateIsRefusedWithoutABundle() {
        assertThatThrownBy(() -> listStateMachines(httpsEndpoint().build()))
                .isInstanceOf(SdkClientException.class)
                .hasCauseInstanceOf(SSLHandshakeException.class)
                .hasRootCauseInstanceOf(CertPathBuilderException.class);
    }

    @Test
    void bundleOfAnotherAuthorityIsRefused() {
        ConnectionSettings settings = httpsEndpoint()
                .caBundlePem(TestResources.text("/tls/unrelated-ca.pem"))
                .build();

        assertThatThrownBy(() -> listStateMachines(settings))
                .isInstanceOf(SdkClientException.class)
                .hasCauseInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void verifyFalseAcceptsAnyCertificate() {
        assertThat(listStateMachines(httpsEndpoint().verifyTls(false).build())).isTrue();
    }

    private static boolean listStateMachines(ConnectionSettings settings) {
        try (StepFunctionsClients clients = new StepFunctionsClients();
                ClientLease lease = clients.lease(settings, KEYS)) {
            return lease.sfn().listStateMachines(b -> {}).sdkHttpResponse().isSuccessful();
        }
    }

    private static String resourcePath(String resource) {
        try {
            return Path.of(TlsVerificationTest.class.getResource(resource).toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
