package io.jenkins.plugins.awsstepfunctions.credentials;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The connection parameters a step was given (all optional), as plain data that survives a controller restart.
 * Credentials are kept as ids and resolved again for the running build.
 */
public final class ConnectionParameters implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String credentialsId;
    private final String region;
    private final String endpointUrl;
    private final String roleArn;
    private final String roleExternalId;
    private final Boolean verify;
    private final String caBundleCredentialsId;
    private final LinkedHashMap<String, Object> clientConfig;
    private final String proxyCredentialsId;

    public ConnectionParameters(
            String credentialsId,
            String region,
            String endpointUrl,
            String roleArn,
            String roleExternalId,
            Boolean verify,
            String caBundleCredentialsId,
            Map<String, ?> clientConfig) {
        this(
                credentialsId,
                region,
                endpointUrl,
                roleArn,
                roleExternalId,
                verify,
                caBundleCredentialsId,
                clientConfig,
                null);
    }

    public ConnectionParameters(
            String credentialsId,
            String region,
            String endpointUrl,
            String roleArn,
            String roleExternalId,
            Boolean verify,
            String caBundleCredentialsId,
            Map<String, ?> clientConfig,
            String proxyCredentialsId) {
        this.proxyCredentialsId = proxyCredentialsId;
        this.credentialsId = credentialsId;
        this.region = region;
        this.endpointUrl = endpointUrl;
        this.roleArn = roleArn;
        this.roleExternalId = roleExternalId;
        this.verify = verify;
        this.caBundleCredentialsId = caBundleCredentialsId;
        this.clientConfig = clientConfig == null ? null : new LinkedHashMap<>(clientConfig);
    }

    public String credentialsId() {
        return credentialsId;
    }

    public String region() {
        return region;
    }

    public String endpointUrl() {
        return endpointUrl;
    }

    public String roleArn() {
        return roleArn;
    }

    public String roleExternalId() {
        return roleExternalId;
    }

    public Boolean verify() {
        return verify;
    }

    public String caBundleCredentialsId() {
        return caBundleCredentialsId;
    }

    public Map<String, Object> clientConfig() {
        return clientConfig;
    }

    /** A Username with password credential: the login of the proxy in {@code clientConfig.proxies}. */
    public String proxyCredentialsId() {
        return proxyCredentialsId;
    }
}
