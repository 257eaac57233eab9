package io.jenkins.plugins.awsstepfunctions.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A client configuration typed into a form as JSON text. */
class ClientSettingsJsonTest {

    @Test
    void jsonObjectBecomesAValidatedMap() {
        assertThat(ClientSettings.parseJson(
                        "clientConfig", "{\"retries\": {\"mode\": \"standard\"}, \"read_timeout\": 5}"))
                .isEqualTo(Map.of("retries", Map.of("mode", "standard"), "read_timeout", 5L));
    }

    @Test
    void blankTextIsNotGiven() {
        assertThat(ClientSettings.parseJson("clientConfig", "  ")).isNull();
        assertThat(ClientSettings.parseJson("clientConfig", null)).isNull();
    }

    @Test
    void nonObjectsBadJsonAndUnknownKeysAreRefused() {
        assertThatThrownBy(() -> ClientSettings.parseJson("clientConfig", "[1]"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("clientConfig: must be a JSON object such as {\"retries\": {\"mode\": \"standard\"}}");
        assertThatThrownBy(() -> ClientSettings.parseJson("clientConfig", "{retries}"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("clientConfig: clientConfig is not valid JSON");
        assertThatThrownBy(() -> ClientSettings.parseJson("clientConfig", "{\"bogus\": 1}"))
                .hasMessageStartingWith("clientConfig.bogus: is not a known setting");
    }
}
