package io.jenkins.plugins.awsstepfunctions.connection;

import java.io.Serializable;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * How to reach Step Functions, without credentials: region, endpoint, TLS, role to assume and client settings.
 * Immutable and {@code Serializable} (it holds no secret and no live object), so work that waits can be resumed from
 * it. Every value is validated when the settings are built, before any network call.
 *
 * <p>Each value is optional: absent values inherit from the layer below, see {@link #over(ConnectionSettings)}.
 */
public final class ConnectionSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Nothing set: everything inherits (ultimately from the AWS SDK's defaults). */
    public static final ConnectionSettings INHERIT = builder().build();

    private final String region;
    private final URI endpointUrl;
    private final Boolean verifyTls;
    private final String caBundlePem;
    private final AssumeRoleSettings assumeRole;
    private final ClientSettings clientSettings;

    private ConnectionSettings(Builder builder) {
        this.region = builder.region == null ? null : SettingChecks.region("region", builder.region);
        this.endpointUrl =
                builder.endpointUrl == null ? null : SettingChecks.endpointUrl("endpointUrl", builder.endpointUrl);
        this.verifyTls = builder.verifyTls;
        if (builder.caBundlePem != null) {
            CaBundle.certificates("caBundle", builder.caBundlePem);
        }
        this.caBundlePem = builder.caBundlePem;
        this.assumeRole = builder.assumeRole;
        this.clientSettings = builder.clientSettings == null ? ClientSettings.INHERIT : builder.clientSettings;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .region(region)
                .endpointUrl(endpointUrl == null ? null : endpointUrl.toString())
                .verifyTls(verifyTls)
                .caBundlePem(caBundlePem)
                .assumeRole(assumeRole)
                .clientSettings(clientSettings);
    }

    /**
     * These settings layered over {@code lower} (step parameters over global defaults, for example): every value set
     * here wins, every absent value is inherited. The role to assume is one unit (its external id, session name and
     * STS settings never mix across layers); client settings layer key by key, see {@link ClientSettings}.
     */
    public ConnectionSettings over(ConnectionSettings lower) {
        Builder merged = new Builder();
        merged.region = region != null ? region : lower.region;
        merged.endpointUrl = endpointUrl != null
                ? endpointUrl.toString()
                : lower.endpointUrl == null ? null : lower.endpointUrl.toString();
        merged.verifyTls = verifyTls != null ? verifyTls : lower.verifyTls;
        merged.caBundlePem = caBundlePem != null ? caBundlePem : lower.caBundlePem;
        merged.assumeRole = assumeRole != null ? assumeRole : lower.assumeRole;
        merged.clientSettings = clientSettings.over(lower.clientSettings);
        return merged.build();
    }

    /**
     * The settings for calls on a resource whose ARN names {@code arnRegion}: that region when none is set (rather
     * than the SDK's default region chain, which may name another); these settings when they name it, or when an
     * endpoint override sends every call to one place anyway (an emulator answers any region).
     *
     * @param parameter the ARN's parameter, e.g. {@code stateMachineArn}, for the message
     * @throws InvalidSettingException when they name another region and no endpoint, before any call is made
     */
    public ConnectionSettings forArn(String parameter, String arn, String arnRegion) {
        if (region == null) {
            Builder builder = toBuilder();
            builder.region = arnRegion;
            return builder.build();
        }
        if (region.equals(arnRegion) || endpointUrl != null) {
            return this;
        }
        throw new InvalidSettingException(
                "region",
                "is '" + region + "' but " + parameter + " '" + arn + "' is in " + arnRegion
                        + "; leave region unset to use the ARN's, or set region: '" + arnRegion
                        + "' (with endpointUrl any region is accepted, e.g. for an emulator)");
    }

    /** The region; absent means the SDK's default region chain (AWS_REGION, profile, instance metadata). */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    public Optional<URI> endpointUrl() {
        return Optional.ofNullable(endpointUrl);
    }

    /** Whether TLS certificates are verified; absent means yes. */
    public boolean verifyTls() {
        return verifyTls == null || verifyTls;
    }

    public Optional<String> caBundlePem() {
        return Optional.ofNullable(caBundlePem);
    }

    public Optional<AssumeRoleSettings> assumeRole() {
        return Optional.ofNullable(assumeRole);
    }

    public ClientSettings clientSettings() {
        return clientSettings;
    }

    /** The same settings with client settings reduced to what is in force: equal values give equal keys. */
    ConnectionSettings effective() {
        Builder builder = toBuilder();
        builder.clientSettings = clientSettings.effective();
        return builder.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionSettings other
                && Objects.equals(region, other.region)
                && Objects.equals(endpointUrl, other.endpointUrl)
                && Objects.equals(verifyTls, other.verifyTls)
                && Objects.equals(caBundlePem, other.caBundlePem)
                && Objects.equals(assumeRole, other.assumeRole)
                && clientSettings.equals(other.clientSettings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(region, endpointUrl, verifyTls, caBundlePem, assumeRole, clientSettings);
    }

    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(", ", "Connection{", "}");
        if (region != null) {
            text.add("region=" + region);
        }
        if (endpointUrl != null) {
            text.add("endpointUrl=" + endpointUrl);
        }
        if (verifyTls != null) {
            text.add("verifyTls=" + verifyTls);
        }
        if (caBundlePem != null) {
            text.add("caBundle=(" + (caBundlePem.split("-----BEGIN CERTIFICATE-----", -1).length - 1)
                    + " certificates)");
        }
        if (assumeRole != null) {
            text.add("assumeRole=" + assumeRole);
        }
        text.add("client=" + clientSettings);
        return text.toString();
    }

    public static final class Builder {
        private String region;
        private String endpointUrl;
        private Boolean verifyTls;
        private String caBundlePem;
        private AssumeRoleSettings assumeRole;
        private ClientSettings clientSettings;

        private Builder() {}

        /** Any region name the SDK accepts, e.g. {@code eu-south-2}; never limited to a list of known regions. */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder endpointUrl(String endpointUrl) {
            this.endpointUrl = endpointUrl;
            return this;
        }

        public Builder verifyTls(Boolean verifyTls) {
            this.verifyTls = verifyTls;
            return this;
        }

        /** PEM text of the certificates to trust instead of the JVM's authorities. */
        public Builder caBundlePem(String caBundlePem) {
            this.caBundlePem = caBundlePem;
            return this;
        }

        public Builder assumeRole(AssumeRoleSettings assumeRole) {
            this.assumeRole = assumeRole;
            return this;
        }

        public Builder clientSettings(ClientSettings clientSettings) {
            this.clientSettings = clientSettings;
            return this;
        }

        /** @throws InvalidSettingException naming the first parameter whose value cannot work */
        public ConnectionSettings build() {
            return new ConnectionSettings(this);
        }
    }
}
