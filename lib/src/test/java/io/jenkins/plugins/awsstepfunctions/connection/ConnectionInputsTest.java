package io.jenkins.plugins.awsstepfunctions.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionInputsTest {

    @Test
    void blankValuesAreNotGivenAndInherit() {
        ConnectionSettings layer = ConnectionInputs.layer("", "  ", null, "", null, " ", null);

        assertThat(layer).isEqualTo(ConnectionSettings.INHERIT);
    }

    @Test
    void givenValuesAreTrimmedAndValidated() {
        ConnectionSettings layer = ConnectionInputs.layer(
                " eu-west-1 ",
                "http://127.0.0.1:4584",
                "arn:aws:iam::123456789012:role/deployer",
                "ext-1",
                false,
                null,
                Map.of("read_timeout", 5));

        assertThat(layer.region()).contains("eu-west-1");
        assertThat(layer.endpointUrl()).contains(URI.create("http://127.0.0.1:4584"));
        assertThat(layer.assumeRole().orElseThrow().externalId()).contains("ext-1");
        assertThat(layer.verifyTls()).isFalse();
        assertThat(layer.clientSettings().readTimeout()).contains(Duration.ofSeconds(5));
    }

    @Test
    void anExternalIdWithoutARoleIsRefused() {
        assertThatThrownBy(() -> ConnectionInputs.layer(null, null, "", "ext-1", null, null, null))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("roleExternalId: is set but roleArn is not; an external id belongs to the role it is"
                        + " required by");
    }

    @Test
    void roleKeepsItsDuration() {
        assertThat(ConnectionInputs.role("arn:aws:iam::123456789012:role/r", null, Duration.ofMinutes(30))
                        .duration())
                .isEqualTo(Duration.ofMinutes(30));
        assertThat(ConnectionInputs.role(" ", null, null)).isNull();
    }

    @Test
    void badValuesNameTheirParameter() {
        assertThatThrownBy(() -> ConnectionInputs.layer("Mars", null, null, null, null, null, null))
                .hasMessageStartingWith("region: 'Mars' is not a region name");
        assertThatThrownBy(() -> ConnectionInputs.layer(null, null, null, null, null, null, Map.of("bogus", 1)))
                .hasMessageStartingWith("clientConfig.bogus: is not a known setting");
    }
}
