package io.jenkins.plugins.awsstepfunctions.connection;

import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Where the base credentials of a connection come from. Deliberately not {@code Serializable}: a secret never crosses
 * a restart; whoever resumes work resolves the credentials again (the plugin, from the Jenkins credential id).
 */
public sealed interface CredentialsSource {

    /** The AWS SDK's default chain: environment, system properties, profile, web identity, container, instance. */
    static CredentialsSource defaultChain() {
        return DefaultChain.INSTANCE;
    }

    /** No credentials: requests are sent unsigned. */
    static CredentialsSource anonymous() {
        return Anonymous.INSTANCE;
    }

    /** An access key, its secret and optionally a session token. */
    static CredentialsSource staticKeys(String accessKeyId, String secretAccessKey, String sessionToken) {
        return new StaticKeys(accessKeyId, secretAccessKey, sessionToken);
    }

    /**
     * Credentials resolved by the caller, e.g. from a Jenkins credential. {@code identity} tells two providers apart
     * for client reuse (for example the credential id and a fingerprint of its content); it must never be a secret.
     */
    static CredentialsSource provided(String identity, AwsCredentialsProvider provider) {
        return new Provided(identity, provider);
    }

    /**
     * These AWS credentials, and a user name and password for the proxy of {@code clientConfig.proxies}: proxy
     * logins are secrets, so they travel with the credentials (resolved again for every build, never stored with
     * it), not in the client settings.
     */
    static CredentialsSource withProxyLogin(CredentialsSource aws, String username, String password) {
        return new WithProxyLogin(aws, username, password);
    }

    /** The AWS credentials alone, without a proxy login. */
    default CredentialsSource aws() {
        return this;
    }

    /** Equal when the AWS credentials, the user name and a digest of the password are; never shows the password. */
    final class WithProxyLogin implements CredentialsSource {
        private final CredentialsSource aws;
        private final String username;
        private final String password;

        WithProxyLogin(CredentialsSource aws, String username, String password) {
            if (aws == null || aws instanceof WithProxyLogin) {
                throw new InvalidSettingException(
                        "credentials", "a proxy login needs the AWS credentials it goes" + " with, once");
            }
            if (username == null || username.isEmpty()) {
                throw new InvalidSettingException("proxyCredentialsId", "the proxy's user name is empty");
            }
            this.aws = aws;
            this.username = username;
            this.password = password == null ? "" : password;
        }

        @Override
        public CredentialsSource aws() {
            return aws;
        }

        public String username() {
            return username;
        }

        public String password() {
            return password;
        }

        private String passwordDigest() {
            try {
                return java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(password.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof WithProxyLogin other
                    && aws.equals(other.aws)
                    && username.equals(other.username)
                    && passwordDigest().equals(other.passwordDigest());
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(aws, username);
        }

        @Override
        public String toString() {
            return aws + ", proxy user " + username;
        }
    }

    enum DefaultChain implements CredentialsSource {
        INSTANCE;

        @Override
        public String toString() {
            return "default credential chain";
        }
    }

    enum Anonymous implements CredentialsSource {
        INSTANCE;

        @Override
        public String toString() {
            return "anonymous (unsigned)";
        }
    }

    /** Static keys; {@link #toString()} shows the last four characters of the key id and nothing of the secrets. */
    record StaticKeys(String accessKeyId, String secretAccessKey, String sessionToken) implements CredentialsSource {

        private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Z0-9]{16,128}");

        public StaticKeys {
            if (accessKeyId == null || accessKeyId.isBlank()) {
                throw new InvalidSettingException(
                        "accessKeyId",
                        "is empty; an access key id such as"
                                + " AKIAIOSFODNN7EXAMPLE is required with a secret access key");
            }
            if (!ACCESS_KEY_ID.matcher(accessKeyId).matches()) {
                throw new InvalidSettingException(
                        "accessKeyId",
                        "is not an access key id (16 to 128 upper-case"
                                + " letters and digits, such as AKIAIOSFODNN7EXAMPLE); check that the key id and the secret"
                                + " were not swapped");
            }
            if (secretAccessKey == null || secretAccessKey.isBlank()) {
                throw new InvalidSettingException(
                        "secretAccessKey",
                        "is empty; the secret access key of " + masked(accessKeyId) + " is required");
            }
            if (sessionToken != null && sessionToken.isBlank()) {
                sessionToken = null;
            }
        }

        @Override
        public String toString() {
            return "static keys " + masked(accessKeyId) + (sessionToken == null ? "" : " with session token");
        }

        private static String masked(String accessKeyId) {
            return "****" + accessKeyId.substring(Math.max(0, accessKeyId.length() - 4));
        }
    }

    /** Equal when the identities are equal: the provider object itself may be re-created for every build. */
    final class Provided implements CredentialsSource {
        private final String identity;
        private final AwsCredentialsProvider provider;

        Provided(String identity, AwsCredentialsProvider provider) {
            if (identity == null || identity.isBlank()) {
                throw new InvalidSettingException("credentials", "the identity of provided credentials is empty");
            }
            if (provider == null) {
                throw new InvalidSettingException("credentials", "no credentials provider was given for " + identity);
            }
            this.identity = identity;
            this.provider = provider;
        }

        public String identity() {
            return identity;
        }

        public AwsCredentialsProvider provider() {
            return provider;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Provided other && identity.equals(other.identity);
        }

        @Override
        public int hashCode() {
            return identity.hashCode();
        }

        @Override
        public String toString() {
            return "provided credentials " + identity;
        }
    }
}
