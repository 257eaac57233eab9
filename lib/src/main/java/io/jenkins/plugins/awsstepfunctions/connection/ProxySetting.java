package io.jenkins.plugins.awsstepfunctions.connection;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/** A proxy from {@code clientConfig.proxies}: its URL without user info, and the user name and password if given. */
public final class ProxySetting implements Serializable {

    private static final long serialVersionUID = 1L;

    private final URI endpoint;
    private final String username;
    private final String password;

    private ProxySetting(URI endpoint, String username, String password) {
        this.endpoint = endpoint;
        this.username = username;
        this.password = password;
    }

    /** Parses {@code http://[user:password@]host:port}. The message of a rejection never shows the password. */
    public static ProxySetting parse(String parameter, Object value) {
        if (!(value instanceof String)) {
            throw new InvalidSettingException(parameter, "must be a proxy URL such as http://proxy.example.com:3128,"
                    + " not " + ClientSettingValues.describeType(value));
        }
        // The value is never shown: a proxy URL may hold a password, in forms no parser can be trusted to find.
        String text = ((String) value).strip();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(parameter, "is not a valid URL; use http://host:port, with any"
                    + " reserved character of a user name or password percent-encoded");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http")
                || uri.getScheme().equalsIgnoreCase("https")) || uri.getHost() == null) {
            throw new InvalidSettingException(parameter, "is not a proxy URL; use http://host:port (or https://)");
        }
        if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidSettingException(parameter, "must be only scheme, host and port, such as"
                    + " http://proxy.example.com:3128");
        }
        SettingChecks.port(parameter, uri);
        String username = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            username = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
        }
        URI endpoint = URI.create(uri.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + uri.getHost()
                + (uri.getPort() >= 0 ? ":" + uri.getPort() : ""));
        return new ProxySetting(endpoint, username, password);
    }

    public URI endpoint() {
        return endpoint;
    }

    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProxySetting other && endpoint.equals(other.endpoint)
                && Objects.equals(username, other.username) && Objects.equals(password, other.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpoint, username, password);
    }

    @Override
    public String toString() {
        return username == null ? endpoint.toString()
                : endpoint.getScheme() + "://" + username + ":***@" + endpoint.getRawAuthority().replaceFirst(".*@", "");
    }
}
