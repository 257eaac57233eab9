package io.jenkins.plugins.awsstepfunctions.freestyle;

import hudson.EnvVars;
import hudson.Util;
import io.jenkins.plugins.awsstepfunctions.connection.ClientSettings;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionParameters;
import java.util.Map;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The connection fields the three freestyle build steps share (as in the Pipeline steps, but the client
 * configuration is JSON text), expanded with the build's variables.
 */
public abstract class FreestyleConnection extends hudson.tasks.Builder implements jenkins.tasks.SimpleBuildStep {

    private String credentialsId;
    private String region;
    private String endpointUrl;
    private String roleArn;
    private String roleExternalId;
    private Boolean verify;
    private String caBundleCredentialsId;
    private String clientConfig;
    private String proxyCredentialsId;

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public String getRegion() {
        return region;
    }

    @DataBoundSetter
    public void setRegion(String region) {
        this.region = Util.fixEmptyAndTrim(region);
    }

    public String getEndpointUrl() {
        return endpointUrl;
    }

    @DataBoundSetter
    public void setEndpointUrl(String endpointUrl) {
        this.endpointUrl = Util.fixEmptyAndTrim(endpointUrl);
    }

    public String getRoleArn() {
        return roleArn;
    }

    @DataBoundSetter
    public void setRoleArn(String roleArn) {
        this.roleArn = Util.fixEmptyAndTrim(roleArn);
    }

    public String getRoleExternalId() {
        return roleExternalId;
    }

    @DataBoundSetter
    public void setRoleExternalId(String roleExternalId) {
        this.roleExternalId = Util.fixEmptyAndTrim(roleExternalId);
    }

    public Boolean getVerify() {
        return verify;
    }

    @DataBoundSetter
    public void setVerify(Boolean verify) {
        this.verify = verify;
    }

    public String getCaBundleCredentialsId() {
        return caBundleCredentialsId;
    }

    @DataBoundSetter
    public void setCaBundleCredentialsId(String caBundleCredentialsId) {
        this.caBundleCredentialsId = Util.fixEmptyAndTrim(caBundleCredentialsId);
    }

    /** JSON text with botocore or camelCase keys. */
    public String getClientConfig() {
        return clientConfig;
    }

    @DataBoundSetter
    public void setClientConfig(String clientConfig) {
        this.clientConfig = Util.fixEmptyAndTrim(clientConfig);
    }

    /** A Username with password credential: the login of the proxy in the client configuration's proxies. */
    public String getProxyCredentialsId() {
        return proxyCredentialsId;
    }

    @DataBoundSetter
    public void setProxyCredentialsId(String proxyCredentialsId) {
        this.proxyCredentialsId = Util.fixEmptyAndTrim(proxyCredentialsId);
    }

    ConnectionParameters connection(EnvVars env) {
        Map<String, ?> config =
                clientConfig == null ? null : ClientSettings.parseJson("clientConfig", env.expand(clientConfig));
        return new ConnectionParameters(
                expand(env, credentialsId),
                expand(env, region),
                expand(env, endpointUrl),
                expand(env, roleArn),
                expand(env, roleExternalId),
                verify,
                expand(env, caBundleCredentialsId),
                config,
                expand(env, proxyCredentialsId));
    }

    static String expand(EnvVars env, String value) {
        return value == null ? null : Util.fixEmptyAndTrim(env.expand(value));
    }
}
