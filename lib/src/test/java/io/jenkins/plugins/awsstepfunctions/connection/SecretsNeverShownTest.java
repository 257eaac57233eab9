package io.jenkins.plugins.awsstepfunctions.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No message shows the user info of a URL, valid or not, whatever characters its password holds; no message echoes
 * a value of a setting whose value may be sensitive.
 */
class SecretsNeverShownTest {

    private static final String SECRET = "Pa55w0rdSecret";

    /** Passwords with every character that can confuse a parser about where user info ends. */
    static Stream<String> passwords() {
        return Stream.of(
                SECRET,
                "pr0xy#" + SECRET,
                "pw/" + SECRET,
                "p?" + SECRET,
                "p@" + SECRET,
                "p:" + SECRET,
                "%41" + SECRET,
                "p%" + SECRET,
                "p " + SECRET,
                "p\\" + SECRET,
                "p[" + SECRET);
    }

    /** URL shapes around the user info: valid, and invalid in each way the parsers check. */
    static Stream<String> shapes() {
        return Stream.of(
                "http://builder:%s@proxy.example.com:3128",
                "socks5://builder:%s@proxy.example.com:1080",
                "http://builder:%s@proxy.example.com:3128/path",
                "http://builder:%s@proxy.example.com:3128?q=1",
                "http://builder:%s@proxy.example.com:99999",
                "builder:%s@proxy.example.com:3128",
                "http://builder:%s@",
                "https://builder:%s@states.example.com/x#frag",
                "ftp://builder:%s@host");
    }

    static Stream<Arguments> urls() {
        return shapes().flatMap(shape -> passwords().map(password -> Arguments.of(String.format(shape, password))));
    }

    @ParameterizedTest
    @MethodSource("urls")
    void proxyUrlsNeverShowTheirPassword(String url) {
        for (String scheme : new String[] {"http", "https"}) {
            Throwable refused = catchThrowable(
                    () -> ClientSettings.fromMap("clientConfig", Map.of("proxies", Map.of(scheme, url))));
            if (refused != null) {
                assertThat(refused).isInstanceOf(InvalidSettingException.class);
                assertThat(refused.getMessage()).doesNotContain(SECRET);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("urls")
    void endpointUrlsNeverShowTheirPassword(String url) {
        Throwable refused = catchThrowable(() -> SettingChecks.endpointUrl("endpointUrl", url));

        assertThat(refused)
                .as("an endpoint URL with user info is always refused")
                .isInstanceOf(InvalidSettingException.class);
        assertThat(refused.getMessage()).doesNotContain(SECRET);
    }

    @ParameterizedTest
    @MethodSource("urls")
    void redactedUrlsHoldNoPassword(String url) {
        assertThat(SettingChecks.redactUserInfo(url)).doesNotContain(SECRET);
    }

    static Stream<Arguments> valuesNotEchoed() {
        return Stream.of(
                Arguments.of(Map.of("retries", Map.of("mode", SECRET))),
                Arguments.of(Map.of("signature_version", SECRET)),
                Arguments.of(Map.of("proxies", Map.of("https", SECRET))),
                Arguments.of(Map.of("proxies", Map.of("http", "http://proxy:3128/" + SECRET))));
    }

    @ParameterizedTest
    @MethodSource("valuesNotEchoed")
    void refusedValuesAreNotEchoed(Map<String, Object> config) {
        Throwable refused = catchThrowable(() -> ClientSettings.fromMap("clientConfig", config));

        assertThat(refused).isInstanceOf(InvalidSettingException.class);
        assertThat(refused.getMessage()).startsWith("clientConfig.").doesNotContain(SECRET);
    }

    @ParameterizedTest
    @MethodSource("ports")
    void portsOutsideTheirRangeAreRefused(String url) {
        assertThat(catchThrowable(() -> SettingChecks.endpointUrl("endpointUrl", url)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("endpointUrl: has a port outside 1 to 65535");
        assertThat(catchThrowable(
                        () -> ClientSettings.fromMap("clientConfig", Map.of("proxies", Map.of("https", url)))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("clientConfig.proxies.https: has a port outside 1 to 65535");
    }

    static Stream<String> ports() {
        return Stream.of("http://host:99999", "http://host:0", "https://host:65536");
    }

    @org.junit.jupiter.api.Test
    void aProxyLoginTravelsWithTheCredentialsAndIsNeverShown() {
        CredentialsSource keys = CredentialsSource.staticKeys("AKIAPROXYLOGINKEY001", "secret", null);
        CredentialsSource login = CredentialsSource.withProxyLogin(keys, "builder", SECRET);

        assertThat(login.toString()).contains("builder").doesNotContain(SECRET);
        assertThat(login.aws()).isEqualTo(keys);
        assertThat(login)
                .isEqualTo(CredentialsSource.withProxyLogin(keys, "builder", SECRET))
                .isNotEqualTo(CredentialsSource.withProxyLogin(keys, "builder", SECRET + "2"))
                .isNotEqualTo(keys);
    }

    @org.junit.jupiter.api.Test
    void aStoredWatchRequestHoldsNoProxyLogin() throws Exception {
        Throwable refused = catchThrowable(() -> ClientSettings.fromMap(
                "clientConfig", Map.of("proxies", Map.of("https", "http://builder:" + SECRET + "@proxy:3128"))));
        assertThat(refused).isInstanceOf(InvalidSettingException.class);

        ConnectionSettings settings = ConnectionSettings.builder()
                .region("us-east-1")
                .clientSettings(
                        ClientSettings.fromMap("clientConfig", Map.of("proxies", Map.of("https", "http://proxy:3128"))))
                .build();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(settings);
        }
        assertThat(bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("builder");
    }
}
