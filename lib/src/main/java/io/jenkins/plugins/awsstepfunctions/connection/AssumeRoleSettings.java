package io.jenkins.plugins.awsstepfunctions.connection;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A role to assume with AWS STS on top of the base credentials. STS is called at the connection's region (or
 * {@link #stsRegion()}) and its regional endpoint (or {@link #stsEndpoint()}); like Airflow, the connection's own
 * endpoint override is never used for STS.
 */
public final class AssumeRoleSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String DEFAULT_SESSION_NAME = "jenkins-aws-step-functions";
    public static final Duration DEFAULT_DURATION = Duration.ofHours(1);

    private final String roleArn;
    private final String externalId;
    private final String sessionName;
    private final Duration duration;
    private final URI stsEndpoint;
    private final String stsRegion;

    private AssumeRoleSettings(Builder builder) {
        this.roleArn = SettingChecks.roleArn("roleArn", builder.roleArn);
        this.externalId =
                builder.externalId == null ? null : SettingChecks.externalId("roleExternalId", builder.externalId);
        this.sessionName = builder.sessionName == null
                ? DEFAULT_SESSION_NAME
                : SettingChecks.sessionName("roleSessionName", builder.sessionName);
        this.duration = builder.duration == null
                ? DEFAULT_DURATION
                : SettingChecks.roleDuration("roleDurationSeconds", builder.duration);
        this.stsEndpoint =
                builder.stsEndpoint == null ? null : SettingChecks.endpointUrl("stsEndpointUrl", builder.stsEndpoint);
        this.stsRegion = builder.stsRegion == null ? null : SettingChecks.region("stsRegion", builder.stsRegion);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder builder = new Builder()
                .roleArn(roleArn)
                .externalId(externalId)
                .sessionName(sessionName)
                .duration(duration)
                .stsRegion(stsRegion);
        return stsEndpoint == null ? builder : builder.stsEndpoint(stsEndpoint.toString());
    }

    public String roleArn() {
        return roleArn;
    }

    public Optional<String> externalId() {
        return Optional.ofNullable(externalId);
    }

    public String sessionName() {
        return sessionName;
    }

    public Duration duration() {
        return duration;
    }

    public Optional<URI> stsEndpoint() {
        return Optional.ofNullable(stsEndpoint);
    }

    public Optional<String> stsRegion() {
        return Optional.ofNullable(stsRegion);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AssumeRoleSettings other
                && roleArn.equals(other.roleArn)
                && Objects.equals(externalId, other.externalId)
                && sessionName.equals(other.sessionName)
                && duration.equals(other.duration)
                && Objects.equals(stsEndpoint, other.stsEndpoint)
                && Objects.equals(stsRegion, other.stsRegion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(roleArn, externalId, sessionName, duration, stsEndpoint, stsRegion);
    }

    @Override
    public String toString() {
        return "AssumeRole{roleArn=" + roleArn + (externalId == null ? "" : ", externalId=***")
                + ", sessionName=" + sessionName + ", duration=" + duration.toSeconds() + "s"
                + (stsEndpoint == null ? "" : ", stsEndpoint=" + stsEndpoint)
                + (stsRegion == null ? "" : ", stsRegion=" + stsRegion) + "}";
    }

    public static final class Builder {
        private String roleArn;
        private String externalId;
        private String sessionName;
        private Duration duration;
        private String stsEndpoint;
        private String stsRegion;

        private Builder() {}

        public Builder roleArn(String roleArn) {
            this.roleArn = roleArn;
            return this;
        }

        public Builder externalId(String externalId) {
            this.externalId = externalId;
            return this;
        }

        public Builder sessionName(String sessionName) {
            this.sessionName = sessionName;
            return this;
        }

        public Builder duration(Duration duration) {
            this.duration = duration;
            return this;
        }

        public Builder stsEndpoint(String stsEndpoint) {
            this.stsEndpoint = stsEndpoint;
            return this;
        }

        public Builder stsRegion(String stsRegion) {
            this.stsRegion = stsRegion;
            return this;
        }

        /** @throws InvalidSettingException naming the first parameter whose value cannot work */
        public AssumeRoleSettings build() {
            return new AssumeRoleSettings(this);
        }
    }
}
