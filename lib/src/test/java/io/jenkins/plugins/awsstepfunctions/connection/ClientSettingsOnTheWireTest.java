package io.jenkins.plugins.awsstepfunctions.connection;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sfn.model.SfnException;

/** What the client configuration map says is what the client does on the wire. */
@ExtendWith(MotoExtension.class)
class ClientSettingsOnTheWireTest {

    @RegisterExtension
    static WireMockExtension service = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @RegisterExtension
    static WireMockExtension forwardProxy = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().enableBrowserProxying(true))
            .build();

    private static final CredentialsSource KEYS =
            CredentialsSource.staticKeys(MotoServer.ACCESS_KEY_ID, MotoServer.SECRET_ACCESS_KEY, null);

    private static ConnectionSettings serviceWith(Map<String, ?> clientConfig) {
        return ConnectionSettings.builder()
                .region("us-east-1")
                .endpointUrl(service.baseUrl())
                .clientSettings(ClientSettings.fromMap("clientConfig", clientConfig))
                .build();
    }

    private static void listStateMachines(ConnectionSettings settings, CredentialsSource credentials) {
        try (StepFunctionsClients clients = new StepFunctionsClients();
                ClientLease lease = clients.lease(settings, credentials)) {
            lease.sfn().listStateMachines(b -> {});
        }
    }

    private static void answerListStateMachines() {
        service.stubFor(WireMockStubs.operation("ListStateMachines")
                .willReturn(WireMockStubs.jsonResponse(Map.of("stateMachines", List.of()))));
    }

    @Test
    void totalMaxAttemptsBoundsTheAttemptsOnServerErrors() {
        service.stubFor(WireMockStubs.operation("ListStateMachines")
                .willReturn(WireMockStubs.serviceError(500, "InternalFailure", "boom")));

        assertThatThrownBy(() -> listStateMachines(
                        serviceWith(Map.of("retries", Map.of("mode", "standard", "total_max_attempts", 2))), KEYS))
                .isInstanceOf(SfnException.class);

        service.verify(2, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void maxAttemptsZeroMeansNoRetry() {
        service.stubFor(WireMockStubs.operation("ListStateMachines")
                .willReturn(WireMockStubs.serviceError(500, "InternalFailure", "boom")));

        assertThatThrownBy(() -> listStateMachines(serviceWith(Map.of("retries", Map.of("max_attempts", 0))), KEYS))
                .isInstanceOf(SfnException.class);

        service.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void readTimeoutAbandonsASlowAnswer() {
        service.stubFor(WireMockStubs.operation("ListStateMachines")
                .willReturn(WireMockStubs.jsonResponse(Map.of("stateMachines", List.of()))
                        .withFixedDelay(3000)));

        assertThatThrownBy(() -> listStateMachines(
                        serviceWith(Map.of("read_timeout", 0.3, "retries", Map.of("total_max_attempts", 1))), KEYS))
                .isInstanceOf(SdkClientException.class)
                .hasRootCauseInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void userAgentExtraIsAppended() {
        answerListStateMachines();

        listStateMachines(serviceWith(Map.of("user_agent_extra", "team-payments/1.0")), KEYS);

        service.verify(postRequestedFor(urlEqualTo("/")).withHeader("User-Agent", containing("team-payments/1.0")));
    }

    @Test
    void unsignedRequestsCarryNoCredentials() {
        answerListStateMachines();

        listStateMachines(serviceWith(Map.of("signature_version", "unsigned")), KEYS);
        listStateMachines(serviceWith(Map.of()), CredentialsSource.anonymous());

        service.verify(2, postRequestedFor(urlEqualTo("/")).withHeader("Authorization", absent()));
    }

    @Test
    void signedRequestsCarryTheSignature() {
        answerListStateMachines();

        listStateMachines(serviceWith(Map.of("signature_version", "v4")), KEYS);

        service.verify(
                1,
                postRequestedFor(urlEqualTo("/"))
                        .withHeader("Authorization", containing("Credential=" + MotoServer.ACCESS_KEY_ID + "/")));
    }

    @Test
    void aRoleCannotBeAssumedWithUnsignedRequests() {
        ConnectionSettings settings = serviceWith(Map.of("signature_version", "unsigned")).toBuilder()
                .assumeRole(AssumeRoleSettings.builder()
                        .roleArn("arn:aws:iam::123456789012:role/r")
                        .build())
                .build();

        assertThatThrownBy(() -> listStateMachines(settings, KEYS))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("roleArn: a role cannot be assumed with unsigned requests (signature_version: unsigned,"
                        + " or anonymous credentials); remove one of the two");
    }

    @Test
    void configuredProxyCarriesTheRequestsToMoto(MotoServer moto) {
        ConnectionSettings settings = ConnectionSettings.builder()
                .region("us-east-1")
                .endpointUrl(moto.endpoint().toString())
                .clientSettings(ClientSettings.fromMap(
                        "clientConfig", Map.of("proxies", Map.of("http", forwardProxy.baseUrl()))))
                .build();

        listStateMachines(settings, KEYS);

        forwardProxy.verify(
                1,
                postRequestedFor(urlEqualTo("/"))
                        .withHeader("Host", equalTo(moto.endpoint().getAuthority())));
    }

    @Test
    void jvmProxyPropertiesAreNotAppliedBySurprise(MotoServer moto) {
        String host = System.getProperty("http.proxyHost");
        String port = System.getProperty("http.proxyPort");
        System.setProperty("http.proxyHost", "127.0.0.1");
        System.setProperty("http.proxyPort", Integer.toString(forwardProxy.getPort()));
        try {
            listStateMachines(
                    ConnectionSettings.builder()
                            .region("us-east-1")
                            .endpointUrl(moto.endpoint().toString())
                            .build(),
                    KEYS);
        } finally {
            restore("http.proxyHost", host);
            restore("http.proxyPort", port);
        }

        assertThat(forwardProxy.getAllServeEvents()).isEmpty();
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    /** Moto through the forward proxy, which answers 407 (Basic) to any request without a proxy login. */
    private static ConnectionSettings throughAProxyThatDemandsALogin(MotoServer moto) {
        forwardProxy.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
                        com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                .atPriority(1)
                .withHeader("Proxy-Authorization", absent())
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withStatus(407)
                        .withHeader("Proxy-Authenticate", "Basic realm=\"proxy\"")));
        return ConnectionSettings.builder()
                .region("us-east-1")
                .endpointUrl(moto.endpoint().toString())
                .clientSettings(ClientSettings.fromMap(
                        "clientConfig", Map.of("proxies", Map.of("http", forwardProxy.baseUrl()))))
                .build();
    }

    @Test
    void aProxyLoginGivenWithTheCredentialsAnswersTheProxysChallenge(MotoServer moto) {
        ConnectionSettings settings = throughAProxyThatDemandsALogin(moto);

        listStateMachines(settings, CredentialsSource.withProxyLogin(KEYS, "builder", "pr0xy#Pa55"));

        forwardProxy.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader(
                        "Proxy-Authorization",
                        equalTo("Basic "
                                + java.util.Base64.getEncoder()
                                        .encodeToString("builder:pr0xy#Pa55"
                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
    }

    @Test
    void withoutItsLoginTheProxyRefusesAndTheMessageSaysSo(MotoServer moto) {
        ConnectionSettings settings = throughAProxyThatDemandsALogin(moto);

        assertThatThrownBy(() -> listStateMachines(settings, KEYS)).isInstanceOf(SfnException.class);
    }
}
