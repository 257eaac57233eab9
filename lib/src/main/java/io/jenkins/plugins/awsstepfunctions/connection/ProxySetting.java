package io.jenkins.plugins.awsstepfunctions.connection;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * A proxy from {@code clientConfig.proxies}: scheme, host and port. A login is refused here (client settings are
 * stored with a build); it comes with the credentials ({@link CredentialsSource#withProxyLogin}).
 */
public final class ProxySetting implements Serializable {

    private static final long serialVersionUID = 1L;

    private final URI endpoint;

    private ProxySetting(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** Parses {@code http://host:port}. A rejection never shows the value (it could hold a password). */
    public static ProxySetting parse(String parameter, Object value) {
        if (!(value instanceof String)) {
            throw new InvalidSettingException(
                    parameter,
                    "must be a proxy URL such as http://proxy.example.com:3128," + " not "
                            + ClientSettingValues.describeType(value));
        }
        String text = ((String) value).strip();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(parameter, "is not a valid URL; use http://host:port");
        }
        if (uri.getScheme() == null
                || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            throw new InvalidSettingException(parameter, "is not a proxy URL; use http://host:port (or https://)");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidSettingException(
                    parameter,
                    "must not contain a user name or password: client settings"
                            + " are stored with the build. Give the proxy's login as a Username with password credential"
                            + " (proxyCredentialsId), and the URL as http://host:port");
        }
        if ((uri.getRawPath() != null
                        && !uri.getRawPath().isEmpty()
                        && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new InvalidSettingException(
                    parameter, "must be only scheme, host and port, such as" + " http://proxy.example.com:3128");
        }
        SettingChecks.port(parameter, uri);
        return new ProxySetting(URI.create(uri.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + uri.getHost()
                + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")));
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProxySetting other && endpoint.equals(other.endpoint);
    }

    @Override
    public int hashCode() {
        return endpoint.hashCode();
    }

    @Override
    public String toString() {
        return endpoint.toString();
    }
}
