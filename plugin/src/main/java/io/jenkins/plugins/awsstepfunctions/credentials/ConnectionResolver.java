package io.jenkins.plugins.awsstepfunctions.credentials;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.security.ACL;
import io.jenkins.plugins.awsstepfunctions.config.StepFunctionsGlobalConfiguration;
import io.jenkins.plugins.awsstepfunctions.connection.ConnectionInputs;
import io.jenkins.plugins.awsstepfunctions.connection.ConnectionSettings;
import io.jenkins.plugins.awsstepfunctions.connection.CredentialsSource;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;

/**
 * Turns a step's connection parameters into the engine's settings and credentials, for one running build:
 * SDK defaults &lt; global configuration &lt; the AWS credential's own IAM role &lt; the step's parameters.
 * Credentials are looked up as the build sees them (folder and system stores) and tracked on the build.
 */
public final class ConnectionResolver {

    /** What a CA bundle credential may hold; a larger "bundle" is a mistake, not a trust store. */
    private static final int MAX_CA_BUNDLE_BYTES = 1024 * 1024;

    private ConnectionResolver() {}

    /** Settings and credentials for the engine. */
    public record Resolved(ConnectionSettings settings, CredentialsSource credentials) {

        /**
         * The same, for calls on a resource of the ARN's region: that region when none is configured, an error
         * naming both when another one is (and no endpoint is), see {@link ConnectionSettings#forArn}.
         */
        public Resolved forArn(String parameter, String arn, String arnRegion) {
            return new Resolved(settings.forArn(parameter, arn, arnRegion), credentials);
        }
    }

    /** Finds a credential by id, as some context sees it; {@code null} when absent or of another type. */
    public interface Lookup {
        <C extends StandardCredentials> C find(String id, Class<C> type);
    }

    /** As a running build sees credentials (its folders, then the system store); each use is tracked on the build. */
    public static Lookup forRun(Run<?, ?> run) {
        return new Lookup() {
            @Override
            public <C extends StandardCredentials> C find(String id, Class<C> type) {
                return CredentialsProvider.track(run, CredentialsProvider.findCredentialById(id, type, run));
            }
        };
    }

    /** As a job's configuration sees credentials, for "Test connection" (the caller checked Item.CONFIGURE). */
    public static Lookup forItem(Item item) {
        return new Lookup() {
            @Override
            public <C extends StandardCredentials> C find(String id, Class<C> type) {
                return CredentialsMatchers.firstOrNull(
                        item == null
                                ? CredentialsProvider.lookupCredentialsInItemGroup(type, Jenkins.get(), ACL.SYSTEM2)
                                : CredentialsProvider.lookupCredentialsInItem(type, item, ACL.SYSTEM2),
                        CredentialsMatchers.withId(id));
            }
        };
    }

    public static Resolved resolve(Run<?, ?> run, ConnectionParameters step) throws AbortException {
        return resolve(forRun(run), step);
    }

    public static Resolved resolve(Lookup lookup, ConnectionParameters step) throws AbortException {
        StepFunctionsGlobalConfiguration global = StepFunctionsGlobalConfiguration.get();
        try {
            Resolved resolved = resolveAws(lookup, step, global);
            String proxyId = Util.fixEmptyAndTrim(step.proxyCredentialsId()) != null
                    ? step.proxyCredentialsId().strip()
                    : Util.fixEmptyAndTrim(global.getProxyCredentialsId());
            return proxyId == null
                    ? resolved
                    : new Resolved(resolved.settings(), proxyLogin(lookup, proxyId, resolved.credentials()));
        } catch (InvalidSettingException e) {
            throw new AbortException("AWS Step Functions connection: " + e.getMessage());
        }
    }

    private static Resolved resolveAws(
            Lookup lookup, ConnectionParameters step, StepFunctionsGlobalConfiguration global) {
        ConnectionSettings globalLayer = ConnectionInputs.layer(
                global.getRegion(),
                global.getEndpointUrl(),
                global.getRoleArn(),
                global.getRoleExternalId(),
                global.isVerify() ? null : Boolean.FALSE,
                caBundle(lookup, global.getCaBundleCredentialsId(), "the global caBundleCredentialsId"),
                global.clientConfigMap());
        ConnectionSettings stepLayer = ConnectionInputs.layer(
                step.region(),
                step.endpointUrl(),
                step.roleArn(),
                step.roleExternalId(),
                step.verify(),
                caBundle(lookup, step.caBundleCredentialsId(), "caBundleCredentialsId"),
                step.clientConfig());
        String credentialsId = Util.fixEmptyAndTrim(step.credentialsId()) != null
                ? step.credentialsId().strip()
                : Util.fixEmptyAndTrim(global.getCredentialsId());
        if (credentialsId == null) {
            return new Resolved(stepLayer.over(globalLayer), CredentialsSource.defaultChain());
        }
        AmazonWebServicesCredentials aws = awsCredential(lookup, credentialsId);
        if (aws instanceof AWSCredentialsImpl impl) {
            return fromAwsCredentialsImpl(credentialsId, impl, stepLayer, globalLayer);
        }
        return new Resolved(
                stepLayer.over(globalLayer),
                CredentialsSource.provided("jenkins:" + credentialsId + ":" + System.identityHashCode(aws), aws));
    }

    /** The proxy's login, from a Username with password credential: it travels with the credentials, never stored. */
    private static CredentialsSource proxyLogin(Lookup lookup, String id, CredentialsSource aws) {
        StandardUsernamePasswordCredentials login = lookup.find(id, StandardUsernamePasswordCredentials.class);
        if (login == null) {
            throw new InvalidSettingException(
                    "proxyCredentialsId",
                    "no Username with password credential with id '" + id
                            + "' is visible to this build; the proxy's login must be one");
        }
        return CredentialsSource.withProxyLogin(
                aws, login.getUsername(), login.getPassword().getPlainText());
    }

    /**
     * The aws-credentials plugin assumes the credential's IAM role anew on every request; the engine's cached,
     * self-renewing assumed-role credentials do the same job with one STS call an hour.
     */
    private static Resolved fromAwsCredentialsImpl(
            String id, AWSCredentialsImpl credential, ConnectionSettings stepLayer, ConnectionSettings globalLayer) {
        if (Util.fixEmptyAndTrim(credential.getIamMfaSerialNumber()) != null) {
            throw new InvalidSettingException(
                    "credentialsId",
                    "the AWS credential '" + id + "' requires an MFA"
                            + " token, which a build cannot type in; use a credential without MFA");
        }
        String accessKey = Util.fixEmptyAndTrim(credential.getAccessKey());
        String secret = credential.getSecretKey() == null
                ? null
                : Util.fixEmpty(credential.getSecretKey().getPlainText());
        CredentialsSource base = accessKey == null && secret == null
                ? CredentialsSource.defaultChain()
                : CredentialsSource.staticKeys(accessKey, secret, null);
        Integer durationSeconds = credential.getStsTokenDuration();
        ConnectionSettings credentialRole = ConnectionSettings.builder()
                .assumeRole(ConnectionInputs.role(
                        credential.getIamRoleArn(),
                        credential.getIamExternalId(),
                        durationSeconds == null ? null : Duration.ofSeconds(durationSeconds)))
                .build();
        return new Resolved(stepLayer.over(credentialRole).over(globalLayer), base);
    }

    private static AmazonWebServicesCredentials awsCredential(Lookup lookup, String id) {
        AmazonWebServicesCredentials found = lookup.find(id, AmazonWebServicesCredentials.class);
        if (found == null) {
            StandardCredentials other = lookup.find(id, StandardCredentials.class);
            throw new InvalidSettingException(
                    "credentialsId",
                    other == null
                            ? "no credential with id '" + id
                                    + "' is visible to this build; expected an 'AWS Credentials'"
                                    + " credential (aws-credentials plugin) in this job's folders or the system store"
                            : "the credential '" + id + "' is a "
                                    + other.getDescriptor().getDisplayName()
                                    + " credential; expected an 'AWS Credentials' credential (aws-credentials plugin)");
        }
        return found;
    }

    private static String caBundle(Lookup lookup, String id, String parameter) {
        String credentialsId = Util.fixEmptyAndTrim(id);
        if (credentialsId == null) {
            return null;
        }
        FileCredentials file = lookup.find(credentialsId, FileCredentials.class);
        if (file == null) {
            throw new InvalidSettingException(
                    parameter,
                    "no Secret file credential with id '" + credentialsId
                            + "' is visible to this build; the CA bundle must be a Secret file credential holding PEM"
                            + " certificates");
        }
        try (InputStream in = file.getContent()) {
            byte[] pem = in.readNBytes(MAX_CA_BUNDLE_BYTES + 1);
            if (pem.length > MAX_CA_BUNDLE_BYTES) {
                throw new InvalidSettingException(
                        parameter,
                        "the credential '" + credentialsId + "' holds more than"
                                + " 1 MiB; a CA bundle is a few PEM certificates");
            }
            return new String(pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new InvalidSettingException(
                    parameter, "the credential '" + credentialsId + "' cannot be read: " + e.getMessage(), e);
        }
    }
}
