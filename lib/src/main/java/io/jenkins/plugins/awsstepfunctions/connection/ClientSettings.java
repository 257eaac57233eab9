package io.jenkins.plugins.awsstepfunctions.connection;

import io.jenkins.plugins.awsstepfunctions.json.Json;
import io.jenkins.plugins.awsstepfunctions.json.JsonException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import software.amazon.awssdk.core.retry.RetryMode;

/**
 * SDK client settings from a configuration map written with botocore's key names (so an Airflow
 * {@code botocore_config} can be pasted as is) or their camelCase equivalents.
 *
 * <p>Layering, applied by {@link #over(ClientSettings)}: a key that is absent inherits the lower layer's value; a key
 * that is present overrides it; a key whose value is {@code null} clears it; an explicitly empty map clears
 * everything below. Nested maps ({@code retries}, {@code proxies}) layer key by key the same way.
 */
public final class ClientSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    static final long MAX_TIMEOUT_SECONDS = 3600;
    static final int MAX_TOTAL_ATTEMPTS = 100;
    static final int MAX_POOL_CONNECTIONS = 1000;
    private static final int MAX_USER_AGENT_EXTRA = 256;

    /** No settings: everything inherits. */
    public static final ClientSettings INHERIT = new ClientSettings(new EnumMap<>(Setting.class), false);

    /** What an explicitly empty map means: nothing is inherited. */
    public static final ClientSettings CLEAR_ALL = new ClientSettings(new EnumMap<>(Setting.class), true);

    /** One effective setting. */
    public enum Setting {
        RETRY_MODE,
        TOTAL_MAX_ATTEMPTS,
        CONNECT_TIMEOUT,
        READ_TIMEOUT,
        TCP_KEEPALIVE,
        MAX_POOL_CONNECTIONS,
        HTTP_PROXY,
        HTTPS_PROXY,
        USER_AGENT_EXTRA,
        UNSIGNED
    }

    /** Marks a setting explicitly cleared by {@code null} in its layer. */
    private enum Cleared {
        INSTANCE
    }

    private final EnumMap<Setting, Object> values;
    private final boolean replacesInherited;

    private ClientSettings(EnumMap<Setting, Object> values, boolean replacesInherited) {
        this.values = values;
        this.replacesInherited = replacesInherited;
    }

    /**
     * Parses a configuration map; {@code null} means "not given" (inherit everything).
     *
     * @param parameter the parameter's name for messages, e.g. {@code clientConfig}
     * @throws InvalidSettingException naming the key, for an unknown key or a value of the wrong type or range
     */
    public static ClientSettings fromMap(String parameter, Map<?, ?> given) {
        if (given == null) {
            return INHERIT;
        }
        if (given.isEmpty()) {
            return CLEAR_ALL;
        }
        Map<String, Object> map = ClientSettingValues.map(parameter, given);
        EnumMap<Setting, Object> values = new EnumMap<>(Setting.class);
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            TopKey key = TopKey.of(parameter, entry.getKey());
            key.read(parameter + "." + entry.getKey(), entry.getValue(), values);
        }
        return new ClientSettings(values, false);
    }

    /**
     * A client configuration given as JSON text (a form's text area): parsed, checked to be an object, and validated
     * like {@link #fromMap}. Blank text means "not given" ({@code null}).
     *
     * @throws InvalidSettingException naming the parameter (or the key) and what is wrong
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseJson(String parameter, String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        Object parsed;
        try {
            parsed = Json.parse(parameter, json);
        } catch (JsonException e) {
            throw new InvalidSettingException(parameter, e.getMessage(), e);
        }
        if (!(parsed instanceof Map)) {
            throw new InvalidSettingException(
                    parameter, "must be a JSON object such as" + " {\"retries\": {\"mode\": \"standard\"}}");
        }
        Map<String, Object> map = (Map<String, Object>) parsed;
        fromMap(parameter, map);
        return map;
    }

    /** These settings over {@code lower}: see the class comment for the rules. */
    public ClientSettings over(ClientSettings lower) {
        if (replacesInherited) {
            return this;
        }
        EnumMap<Setting, Object> merged = new EnumMap<>(Setting.class);
        merged.putAll(lower.values);
        merged.putAll(values);
        return new ClientSettings(merged, lower.replacesInherited);
    }

    /** The settings that are in force, without the layering marks; what a client is built from. */
    public ClientSettings effective() {
        EnumMap<Setting, Object> inForce = new EnumMap<>(Setting.class);
        values.forEach((setting, value) -> {
            if (value != Cleared.INSTANCE) {
                inForce.put(setting, value);
            }
        });
        return new ClientSettings(inForce, false);
    }

    public Optional<RetryMode> retryMode() {
        return get(Setting.RETRY_MODE, RetryMode.class);
    }

    /** Attempts including the first one (botocore's {@code total_max_attempts}, or {@code max_attempts + 1}). */
    public Optional<Integer> totalMaxAttempts() {
        return get(Setting.TOTAL_MAX_ATTEMPTS, Integer.class);
    }

    public Optional<Duration> connectTimeout() {
        return get(Setting.CONNECT_TIMEOUT, Duration.class);
    }

    public Optional<Duration> readTimeout() {
        return get(Setting.READ_TIMEOUT, Duration.class);
    }

    public Optional<Boolean> tcpKeepAlive() {
        return get(Setting.TCP_KEEPALIVE, Boolean.class);
    }

    public Optional<Integer> maxPoolConnections() {
        return get(Setting.MAX_POOL_CONNECTIONS, Integer.class);
    }

    public Optional<ProxySetting> httpProxy() {
        return get(Setting.HTTP_PROXY, ProxySetting.class);
    }

    public Optional<ProxySetting> httpsProxy() {
        return get(Setting.HTTPS_PROXY, ProxySetting.class);
    }

    public Optional<String> userAgentExtra() {
        return get(Setting.USER_AGENT_EXTRA, String.class);
    }

    /** {@code signature_version: unsigned}: requests are sent without credentials. */
    public boolean unsigned() {
        return get(Setting.UNSIGNED, Boolean.class).orElse(false);
    }

    private <T> Optional<T> get(Setting setting, Class<T> type) {
        Object value = values.get(setting);
        return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientSettings other
                && values.equals(other.values)
                && replacesInherited == other.replacesInherited;
    }

    @Override
    public int hashCode() {
        return Objects.hash(values, replacesInherited);
    }

    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(", ", "{", "}");
        if (replacesInherited) {
            text.add("(replaces inherited)");
        }
        values.forEach((setting, value) -> text.add(
                setting.name().toLowerCase(Locale.ROOT) + "=" + (value == Cleared.INSTANCE ? "(cleared)" : value)));
        return text.toString();
    }

    /** The keys accepted at the top of the map; each knows its botocore and camelCase spellings. */
    private enum TopKey {
        RETRIES("retries") {
            @Override
            void read(String parameter, Object value, EnumMap<Setting, Object> into) {
                if (value == null) {
                    into.put(Setting.RETRY_MODE, Cleared.INSTANCE);
                    into.put(Setting.TOTAL_MAX_ATTEMPTS, Cleared.INSTANCE);
                    return;
                }
                Map<String, ?> retries = ClientSettingValues.map(parameter, value);
                Object total = null;
                Object max = null;
                boolean totalGiven = false;
                boolean maxGiven = false;
                for (Map.Entry<String, ?> entry : retries.entrySet()) {
                    String name = parameter + "." + entry.getKey();
                    switch (entry.getKey()) {
                        case "mode" ->
                            into.put(
                                    Setting.RETRY_MODE,
                                    entry.getValue() == null ? Cleared.INSTANCE : retryMode(name, entry.getValue()));
                        case "max_attempts", "maxAttempts" -> {
                            max = entry.getValue();
                            maxGiven = true;
                        }
                        case "total_max_attempts", "totalMaxAttempts" -> {
                            total = entry.getValue();
                            totalGiven = true;
                        }
                        default ->
                            throw unknown(
                                    name,
                                    List.of(
                                            "mode",
                                            "max_attempts (maxAttempts)",
                                            "total_max_attempts (totalMaxAttempts)"));
                    }
                }
                // As in botocore, total_max_attempts wins over max_attempts when both are given.
                if (totalGiven) {
                    into.put(
                            Setting.TOTAL_MAX_ATTEMPTS,
                            total == null
                                    ? Cleared.INSTANCE
                                    : ClientSettingValues.wholeNumber(
                                            parameter + ".total_max_attempts", total, 1, MAX_TOTAL_ATTEMPTS));
                } else if (maxGiven) {
                    into.put(
                            Setting.TOTAL_MAX_ATTEMPTS,
                            max == null
                                    ? Cleared.INSTANCE
                                    : ClientSettingValues.wholeNumber(
                                                    parameter + ".max_attempts", max, 0, MAX_TOTAL_ATTEMPTS - 1)
                                            + 1);
                }
            }
        },
        CONNECT_TIMEOUT("connect_timeout", "connectTimeout") {
            @Override
            void read(String parameter, Object value, EnumMap<Setting, Object> into) {
                into.put(
                        Setting.CONNECT_TIMEOUT,
                        value == null
                                ? Cleared.INSTANCE
                                : ClientSettingValues.seconds(parameter, value, MAX_TIMEOUT_SECONDS));
            }
        },
        READ_TIMEOUT("read_timeout", "readTimeout") {
            @Override
            void read(String parameter, Object value, EnumMap<Setting, Object> into) {
                into.put(
                        Setting.READ_TIMEOUT,
                        value == null
                                ? Cleared.INSTANCE
                                : ClientSettingValues.seconds(parameter, value, MAX_TIMEOUT_SECONDS));
            }
        },
        TCP_KEEPALIVE("tcp_keepalive", "tcpKeepalive", "tcpKeepAlive") {
            @Override
            void read(String parameter, Object value, EnumMap<Setting, Object> into) {
                into.put(
                        Setting.TCP_KEEPALIVE,
                        value == null ? Cleared.INSTANCE : ClientSettingValues.bool(parameter, value));
            }
        },
        MAX_POOL_CONNECTIONS("max_pool_connections", "maxPoolConnections") {
            @Override
            void read(String parameter, Object value, EnumMap<Setting, Object> into) {
                into.put(
                        Setting.MAX_POOL_CONNECTIONS,
                        value == null
                                ? Cleared.INSTANCE
                                : ClientSettingValues.wholeNumber(
                                        parameter, value, 1, ClientSettings.MAX_POOL_CONNECTIONS));
            }
        },
        PROXIES("proxies") {
            @Override
            void read(String parameter, Object value, EnumMap<Setting, Object> into) {
                if (value == null) {
                    into.put(Setting.HTTP_PROXY, Cleared.INSTANCE);
                    into.put(Setting.HTTPS_PROXY, Cleared.INSTANCE);
                    return;
                }
                for (Map.Entry<String, ?> entry :
                        ClientSettingValues.map(parameter, value).entrySet()) {
                    String name = parameter + "." + entry.getKey();
                    Setting setting =
                            switch (entry.getKey()) {
                                case "http" -> Setting.HTTP_PROXY;
                                case "https" -> Setting.HTTPS_PROXY;
                                default -> throw unknown(name, List.of("http", "https"));
                            };
                    into.put(
                            setting,
                            entry.getValue() == null ? Cleared.INSTANCE : ProxySetting.parse(name, entry.getValue()));
                }
            }
        },
        USER_AGENT_EXTRA("user_agent_extra", "userAgentExtra") {
            @Override
            void read(String parameter, Object value, EnumMap<Setting, Object> into) {
                if (value == null) {
                    into.put(Setting.USER_AGENT_EXTRA, Cleared.INSTANCE);
                    return;
                }
                String text = ClientSettingValues.text(parameter, value);
                if (text.isEmpty()
                        || text.length() > MAX_USER_AGENT_EXTRA
                        || !text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                    throw new InvalidSettingException(
                            parameter, "must be 1 to " + MAX_USER_AGENT_EXTRA + " printable ASCII characters");
                }
                into.put(Setting.USER_AGENT_EXTRA, text);
            }
        },
        SIGNATURE_VERSION("signature_version", "signatureVersion") {
            @Override
            void read(String parameter, Object value, EnumMap<Setting, Object> into) {
                if (value == null) {
                    into.put(Setting.UNSIGNED, Cleared.INSTANCE);
                    return;
                }
                String text = ClientSettingValues.text(parameter, value);
                switch (text) {
                    case "unsigned" -> into.put(Setting.UNSIGNED, true);
                    case "v4" -> into.put(Setting.UNSIGNED, false);
                    default ->
                        throw new InvalidSettingException(
                                parameter,
                                "is not a supported signature version;"
                                        + " use 'unsigned' (send requests without credentials) or 'v4' (sign them, the default)");
                }
            }
        };

        private final List<String> spellings;

        TopKey(String... spellings) {
            this.spellings = List.of(spellings);
        }

        abstract void read(String parameter, Object value, EnumMap<Setting, Object> into);

        static TopKey of(String parameter, String key) {
            for (TopKey candidate : values()) {
                if (candidate.spellings.contains(key)) {
                    return candidate;
                }
            }
            List<String> allowed = new ArrayList<>();
            for (TopKey candidate : values()) {
                allowed.add(
                        candidate.spellings.size() == 1
                                ? candidate.spellings.get(0)
                                : candidate.spellings.get(0) + " ("
                                        + String.join(", ", candidate.spellings.subList(1, candidate.spellings.size()))
                                        + ")");
            }
            throw unknown(parameter + "." + key, allowed);
        }
    }

    private static RetryMode retryMode(String parameter, Object value) {
        String mode = ClientSettingValues.text(parameter, value);
        return switch (mode) {
            case "legacy" -> RetryMode.LEGACY;
            case "standard" -> RetryMode.STANDARD;
            case "adaptive" -> RetryMode.ADAPTIVE_V2;
            default ->
                throw new InvalidSettingException(
                        parameter, "is not a retry mode; use legacy, standard or" + " adaptive");
        };
    }

    private static InvalidSettingException unknown(String parameter, List<String> allowed) {
        return new InvalidSettingException(
                parameter, "is not a known setting; allowed here: " + String.join(", ", allowed));
    }
}
