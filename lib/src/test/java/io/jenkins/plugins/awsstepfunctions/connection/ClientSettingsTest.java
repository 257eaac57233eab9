package io.jenkins.plugins.awsstepfunctions.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.retry.RetryMode;

class ClientSettingsTest {

    private static ClientSettings parse(Map<String, ?> map) {
        return ClientSettings.fromMap("clientConfig", map);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void botocoreKeysAreRead() {
        ClientSettings settings = parse(map(
                "retries",
                map("mode", "standard", "max_attempts", 4),
                "connect_timeout",
                5,
                "read_timeout",
                1.5,
                "tcp_keepalive",
                true,
                "max_pool_connections",
                20,
                "proxies",
                map("http", "http://proxy:3128", "https", "http://secure-proxy:3129"),
                "user_agent_extra",
                "team/payments",
                "signature_version",
                "unsigned"));

        assertThat(settings.retryMode()).contains(RetryMode.STANDARD);
        assertThat(settings.totalMaxAttempts())
                .as("max_attempts counts retries only")
                .contains(5);
        assertThat(settings.connectTimeout()).contains(Duration.ofSeconds(5));
        assertThat(settings.readTimeout()).contains(Duration.ofMillis(1500));
        assertThat(settings.tcpKeepAlive()).contains(true);
        assertThat(settings.maxPoolConnections()).contains(20);
        assertThat(settings.httpProxy()).map(ProxySetting::endpoint).contains(URI.create("http://proxy:3128"));
        assertThat(settings.httpsProxy()).map(ProxySetting::endpoint).contains(URI.create("http://secure-proxy:3129"));
        assertThat(settings.userAgentExtra()).contains("team/payments");
        assertThat(settings.unsigned()).isTrue();
    }

    @Test
    void camelCaseKeysMeanTheSame() {
        ClientSettings botocore = parse(map(
                "retries",
                map("mode", "adaptive", "total_max_attempts", 3),
                "connect_timeout",
                2,
                "read_timeout",
                9,
                "tcp_keepalive",
                false,
                "max_pool_connections",
                7,
                "user_agent_extra",
                "x",
                "signature_version",
                "v4"));
        ClientSettings camel = parse(map(
                "retries",
                map("mode", "adaptive", "totalMaxAttempts", 3),
                "connectTimeout",
                2,
                "readTimeout",
                9,
                "tcpKeepAlive",
                false,
                "maxPoolConnections",
                7,
                "userAgentExtra",
                "x",
                "signatureVersion",
                "v4"));

        assertThat(camel).isEqualTo(botocore);
        assertThat(parse(map("tcpKeepalive", true))).isEqualTo(parse(map("tcp_keepalive", true)));
        assertThat(parse(map("retries", map("maxAttempts", 2))))
                .isEqualTo(parse(map("retries", map("max_attempts", 2))));
    }

    @Test
    void totalMaxAttemptsWinsOverMaxAttemptsAsInBotocore() {
        assertThat(parse(map("retries", map("max_attempts", 9, "total_max_attempts", 2)))
                        .totalMaxAttempts())
                .contains(2);
    }

    @Test
    void numbersMayComeAsLongBigDecimalOrWholeDouble() {
        assertThat(parse(map("max_pool_connections", 12L)).maxPoolConnections()).contains(12);
        assertThat(parse(map("max_pool_connections", new BigDecimal("12.0"))).maxPoolConnections())
                .contains(12);
        assertThat(parse(map("read_timeout", new BigDecimal("0.25"))).readTimeout())
                .contains(Duration.ofMillis(250));
    }

    @Test
    void aProxyLoginIsRefusedInClientSettingsWhichAreStoredWithTheBuild() {
        assertThatThrownBy(() -> parse(map("proxies", map("https", "http://jenkins:s3cr%40t@proxy:3128"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("clientConfig.proxies.https: must not contain a user name or password: client settings"
                        + " are stored with the build. Give the proxy's login as a Username with password credential"
                        + " (proxyCredentialsId), and the URL as http://host:port");
        assertThat(parse(map("proxies", map("https", "HTTP://proxy:3128")))
                        .httpsProxy()
                        .orElseThrow()
                        .endpoint())
                .isEqualTo(URI.create("http://proxy:3128"));
    }

    @Test
    void nullMapInheritsEverythingAndEmptyMapClearsEverything() {
        ClientSettings lower = parse(map("connect_timeout", 3, "retries", map("mode", "standard")));

        assertThat(parse(null).over(lower).effective()).isEqualTo(lower.effective());
        ClientSettings cleared = parse(map()).over(lower).effective();
        assertThat(cleared.connectTimeout()).isEmpty();
        assertThat(cleared.retryMode()).isEmpty();
    }

    @Test
    void absentKeysInheritAndPresentKeysOverrideKeyByKey() {
        ClientSettings lower = parse(map("connect_timeout", 3, "read_timeout", 30, "user_agent_extra", "global"));
        ClientSettings upper = parse(map("read_timeout", 120));

        ClientSettings result = upper.over(lower).effective();

        assertThat(result.connectTimeout()).as("absent: inherited").contains(Duration.ofSeconds(3));
        assertThat(result.readTimeout()).as("present: overrides").contains(Duration.ofSeconds(120));
        assertThat(result.userAgentExtra()).as("absent: inherited").contains("global");
    }

    @Test
    void nullValueClearsOneInheritedKey() {
        ClientSettings lower = parse(map("connect_timeout", 3, "read_timeout", 30));
        Map<String, Object> upper = new HashMap<>();
        upper.put("connect_timeout", null);

        ClientSettings result = parse(upper).over(lower).effective();

        assertThat(result.connectTimeout()).isEmpty();
        assertThat(result.readTimeout()).contains(Duration.ofSeconds(30));
    }

    @Test
    void nestedMapsLayerKeyByKey() {
        ClientSettings lower = parse(map(
                "retries",
                map("mode", "standard", "max_attempts", 4),
                "proxies",
                map("http", "http://a:1", "https", "http://b:2")));
        ClientSettings upper = parse(map("retries", map("max_attempts", 9), "proxies", map("https", "http://c:3")));

        ClientSettings result = upper.over(lower).effective();

        assertThat(result.retryMode()).contains(RetryMode.STANDARD);
        assertThat(result.totalMaxAttempts()).contains(10);
        assertThat(result.httpProxy()).map(ProxySetting::endpoint).contains(URI.create("http://a:1"));
        assertThat(result.httpsProxy()).map(ProxySetting::endpoint).contains(URI.create("http://c:3"));
    }

    @Test
    void nullNestedMapClearsTheGroup() {
        ClientSettings lower = parse(map("retries", map("mode", "standard", "max_attempts", 4), "connect_timeout", 1));
        Map<String, Object> upper = new HashMap<>();
        upper.put("retries", null);

        ClientSettings result = parse(upper).over(lower).effective();

        assertThat(result.retryMode()).isEmpty();
        assertThat(result.totalMaxAttempts()).isEmpty();
        assertThat(result.connectTimeout()).contains(Duration.ofSeconds(1));
    }

    @Test
    void clearsKeepWorkingThroughThreeLayersInEitherGrouping() {
        ClientSettings defaults = parse(map("connect_timeout", 1, "read_timeout", 2));
        Map<String, Object> clearConnect = new HashMap<>();
        clearConnect.put("connect_timeout", null);
        ClientSettings global = parse(map("read_timeout", 20));
        ClientSettings step = parse(clearConnect);

        ClientSettings right = step.over(global.over(defaults)).effective();
        ClientSettings left = step.over(global).over(defaults).effective();

        assertThat(right).isEqualTo(left);
        assertThat(right.connectTimeout()).isEmpty();
        assertThat(right.readTimeout()).contains(Duration.ofSeconds(20));
    }

    @Test
    void emptyMapInTheMiddleLayerStopsInheritanceFromBelow() {
        ClientSettings defaults = parse(map("connect_timeout", 1));
        ClientSettings global = parse(map());
        ClientSettings step = parse(map("read_timeout", 5));

        ClientSettings result = step.over(global).over(defaults).effective();

        assertThat(result.connectTimeout()).isEmpty();
        assertThat(result.readTimeout()).contains(Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "region_name|clientConfig.region_name: is not a known setting; allowed here: retries, connect_timeout (connectTimeout)",
                "connectTimeOut|clientConfig.connectTimeOut: is not a known setting",
            })
    void unknownTopLevelKeysAreRejectedWithTheAllowedOnes(String key, String message) {
        assertThatThrownBy(() -> parse(map(key, 1)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith(message)
                .hasMessageContaining("signature_version (signatureVersion)")
                .extracting(e -> ((InvalidSettingException) e).parameter())
                .isEqualTo("clientConfig." + key);
    }

    @Test
    void unknownNestedKeysAreRejected() {
        assertThatThrownBy(() -> parse(map("retries", map("mode", "standard", "backoff", 2))))
                .hasMessage("clientConfig.retries.backoff: is not a known setting; allowed here: mode,"
                        + " max_attempts (maxAttempts), total_max_attempts (totalMaxAttempts)");
        assertThatThrownBy(() -> parse(map("proxies", map("ftp", "http://p:1"))))
                .hasMessage("clientConfig.proxies.ftp: is not a known setting; allowed here: http, https");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "connect_timeout|-1|clientConfig.connect_timeout: -1 is not allowed; use a number of seconds greater than 0 and at most 3600",
                "read_timeout|0|clientConfig.read_timeout: 0 is not allowed; use a number of seconds greater than 0 and at most 3600",
                "read_timeout|7200|clientConfig.read_timeout: 7200 is not allowed; use a number of seconds greater than 0 and at most 3600",
                "max_pool_connections|0|clientConfig.max_pool_connections: 0 is not allowed; use a whole number from 1 to 1000",
            })
    void outOfRangeNumbersAreRejected(String key, long value, String message) {
        assertThatThrownBy(() -> parse(map(key, value)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage(message);
    }

    @Test
    void wrongTypesAreRejectedWithoutShowingTheValue() {
        assertThatThrownBy(() -> parse(map("connect_timeout", "5")))
                .hasMessage("clientConfig.connect_timeout: must be a number of seconds greater than 0 and at most"
                        + " 3600, not a string");
        assertThatThrownBy(() -> parse(map("tcp_keepalive", "yes")))
                .hasMessage("clientConfig.tcp_keepalive: must be true or false, not a string");
        assertThatThrownBy(() -> parse(map("max_pool_connections", 2.5)))
                .hasMessage("clientConfig.max_pool_connections: 2.5 is not allowed; use a whole number from 1 to 1000");
        assertThatThrownBy(() -> parse(map("retries", List.of(1))))
                .hasMessage("clientConfig.retries: must be a map, not a list");
        assertThatThrownBy(() -> parse(map("user_agent_extra", 5)))
                .hasMessage("clientConfig.user_agent_extra: must be a string, not the number 5");
    }

    @Test
    void badRetrySettingsAreRejected() {
        assertThatThrownBy(() -> parse(map("retries", map("mode", "aggressive"))))
                .hasMessage("clientConfig.retries.mode: is not a retry mode; use legacy, standard or adaptive");
        assertThatThrownBy(() -> parse(map("retries", map("max_attempts", -1))))
                .hasMessage("clientConfig.retries.max_attempts: -1 is not allowed; use a whole number from 0 to 99");
        assertThatThrownBy(() -> parse(map("retries", map("total_max_attempts", 0))))
                .hasMessage(
                        "clientConfig.retries.total_max_attempts: 0 is not allowed; use a whole number from 1 to 100");
    }

    @Test
    void badProxiesAreRejectedWithoutTheirPassword() {
        assertThatThrownBy(() -> parse(map("proxies", map("https", "socks5://user:hunter2@proxy:1080"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("clientConfig.proxies.https: is not a proxy URL; use http://host:port (or https://)");
        assertThatThrownBy(() -> parse(map("proxies", map("http", "http://proxy:1080/path"))))
                .hasMessageContaining("must be only scheme, host and port");
        assertThatThrownBy(() -> parse(map("proxies", map("http", "http://user:hunter2@proxy:1080/path"))))
                .hasMessageNotContaining("hunter2")
                .hasMessageContaining("must not contain a user name or password");
    }

    @Test
    void badSignatureVersionAndUserAgentAreRejected() {
        assertThatThrownBy(() -> parse(map("signature_version", "s3v4")))
                .hasMessage("clientConfig.signature_version: is not a supported signature version; use 'unsigned'"
                        + " (send requests without credentials) or 'v4' (sign them, the default)");
        assertThatThrownBy(() -> parse(map("user_agent_extra", "bad\nheader")))
                .hasMessage("clientConfig.user_agent_extra: must be 1 to 256 printable ASCII characters");
    }
}
