package io.jenkins.plugins.awsstepfunctions.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsstepfunctions.testing.TestResources;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionSettingsTest {

    private static final String PEM = TestResources.text("/tls/test-server.pem");
    private static final AssumeRoleSettings GLOBAL_ROLE = AssumeRoleSettings.builder()
            .roleArn("arn:aws:iam::111122223333:role/global")
            .externalId("global-external-id")
            .build();

    private static final ConnectionSettings GLOBAL = ConnectionSettings.builder()
            .region("eu-west-1")
            .endpointUrl("https://vpce-123.states.eu-west-1.vpce.amazonaws.com")
            .verifyTls(true)
            .caBundlePem(PEM)
            .assumeRole(GLOBAL_ROLE)
            .clientSettings(ClientSettings.fromMap("clientConfig", Map.of("connect_timeout", 3)))
            .build();

    @Test
    void emptyUpperLayerInheritsEveryValue() {
        assertThat(ConnectionSettings.INHERIT.over(GLOBAL)).isEqualTo(GLOBAL);
    }

    @Test
    void regionGivenOverridesAndOthersInherit() {
        ConnectionSettings result =
                ConnectionSettings.builder().region("ap-southeast-5").build().over(GLOBAL);

        assertThat(result.region()).contains("ap-southeast-5");
        assertThat(result.endpointUrl()).isEqualTo(GLOBAL.endpointUrl());
        assertThat(result.assumeRole()).contains(GLOBAL_ROLE);
    }

    @Test
    void endpointGivenOverrides() {
        ConnectionSettings result = ConnectionSettings.builder()
                .endpointUrl("http://127.0.0.1:4584")
                .build()
                .over(GLOBAL);

        assertThat(result.endpointUrl()).contains(URI.create("http://127.0.0.1:4584"));
        assertThat(result.region()).contains("eu-west-1");
    }

    @Test
    void verifyFalseOverridesAndAbsentVerifyInherits() {
        ConnectionSettings off = ConnectionSettings.builder().verifyTls(false).build();

        assertThat(off.over(GLOBAL).verifyTls()).isFalse();
        assertThat(GLOBAL.over(off).verifyTls()).isTrue();
        assertThat(ConnectionSettings.INHERIT.over(off).verifyTls()).isFalse();
        assertThat(ConnectionSettings.INHERIT.verifyTls())
                .as("verify by default")
                .isTrue();
    }

    @Test
    void caBundleGivenOverrides() {
        String other = TestResources.text("/tls/unrelated-ca.pem");

        assertThat(ConnectionSettings.builder()
                        .caBundlePem(other)
                        .build()
                        .over(GLOBAL)
                        .caBundlePem())
                .contains(other);
        assertThat(ConnectionSettings.INHERIT.over(GLOBAL).caBundlePem()).contains(PEM);
    }

    @Test
    void roleIsReplacedAsAWholeSoAnExternalIdNeverLeaksAcrossLayers() {
        AssumeRoleSettings stepRole = AssumeRoleSettings.builder()
                .roleArn("arn:aws:iam::444455556666:role/step")
                .build();

        ConnectionSettings result =
                ConnectionSettings.builder().assumeRole(stepRole).build().over(GLOBAL);

        assertThat(result.assumeRole()).contains(stepRole);
        assertThat(result.assumeRole().orElseThrow().externalId()).isEmpty();
    }

    @Test
    void clientSettingsLayerKeyByKey() {
        ConnectionSettings step = ConnectionSettings.builder()
                .clientSettings(ClientSettings.fromMap("clientConfig", Map.of("read_timeout", 60)))
                .build();

        ClientSettings result = step.over(GLOBAL).clientSettings().effective();

        assertThat(result.connectTimeout()).contains(Duration.ofSeconds(3));
        assertThat(result.readTimeout()).contains(Duration.ofSeconds(60));
    }

    @Test
    void emptyClientConfigClearsTheInheritedOne() {
        ConnectionSettings step = ConnectionSettings.builder()
                .clientSettings(ClientSettings.fromMap("clientConfig", Map.of()))
                .build();

        assertThat(step.over(GLOBAL).clientSettings().effective().connectTimeout())
                .isEmpty();
    }

    @Test
    void anyWellFormedRegionIsAcceptedWithoutAList() {
        for (String region : new String[] {
            "us-east-1", "eu-south-2", "cn-northwest-1", "us-gov-west-1", "us-isob-east-1", "xx-future-9"
        }) {
            assertThat(ConnectionSettings.builder().region(region).build().region())
                    .contains(region);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"US-EAST-1", "us_east_1", "us-east-1 ", "https://us-east-1", "eu--west-1"})
    void malformedRegionsAreRejected(String region) {
        assertThatThrownBy(() -> ConnectionSettings.builder().region(region).build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("region: ")
                .extracting(e -> ((InvalidSettingException) e).parameter())
                .isEqualTo("region");
    }

    @Test
    void blankRegionIsRejected() {
        assertThatThrownBy(() -> ConnectionSettings.builder().region(" ").build())
                .hasMessage("region: is empty; give a value or leave the parameter out");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "states.us-east-1.amazonaws.com|endpointUrl: 'states.us-east-1.amazonaws.com' must start with http:// or https://",
                "ftp://example.com|endpointUrl: 'ftp://example.com' must start with http:// or https://",
                "http://|endpointUrl: 'http://' is not a valid URL (Expected authority); use an absolute URL such as https://states.eu-west-1.amazonaws.com or http://127.0.0.1:4584",
                "http://exa mple.com|endpointUrl: 'http://exa mple.com' is not a valid URL (Illegal character in authority); use an absolute URL such as https://states.eu-west-1.amazonaws.com or http://127.0.0.1:4584",
                "http://host:4584?x=1|endpointUrl: 'http://host:4584?x=1' must not have a query (?...) or fragment (#...)",
                "http://user:hunter2@host:4584|endpointUrl: 'http://***@host:4584' must not contain a user name or password; credentials belong in a Jenkins credential",
            })
    void malformedEndpointsAreRejectedWithoutEchoingPasswords(String endpoint, String message) {
        assertThatThrownBy(
                        () -> ConnectionSettings.builder().endpointUrl(endpoint).build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage(message);
    }

    @Test
    void unreadableCaBundlesAreRejected() {
        assertThatThrownBy(() -> ConnectionSettings.builder()
                        .caBundlePem("/etc/ssl/certs/ca.pem")
                        .build())
                .hasMessage("caBundle: is not a PEM certificate bundle: it has no -----BEGIN CERTIFICATE----- block"
                        + " (a private key or a file path does not belong here)");
        assertThatThrownBy(() -> ConnectionSettings.builder()
                        .caBundlePem("-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n")
                        .build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("caBundle: cannot be read as PEM X.509 certificates");
    }

    @Test
    void settingsSurviveSerializationUnchanged() throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(GLOBAL);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(GLOBAL);
        }
    }

    @Test
    void toStringShowsNeitherExternalIdNorCertificates() {
        assertThat(GLOBAL.toString())
                .contains("eu-west-1", "arn:aws:iam::111122223333:role/global", "caBundle=(1 certificates)")
                .doesNotContain("global-external-id")
                .doesNotContain("MII");
    }
}
