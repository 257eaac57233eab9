package io.jenkins.plugins.awsstepfunctions.steps;

import hudson.Util;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionParameters;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/** The optional connection parameters all three steps share; omitted ones inherit the global configuration. */
public abstract class AbstractStepFunctionsStep extends Step {

    private String credentialsId;
    private String region;
    private String endpointUrl;
    private String roleArn;
    private String roleExternalId;
    private Boolean verify;
    private String caBundleCredentialsId;
    private Object clientConfig;
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

    /** {@code null} when not given: the global setting applies. */
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

    /** A map with botocore or camelCase keys, e.g. {@code [retries: [mode: 'standard', max_attempts: 5]]}. */
    public Object getClientConfig() {
        return clientConfig;
    }

    @DataBoundSetter
    public void setClientConfig(Object clientConfig) {
        this.clientConfig = clientConfig;
    }

    /** A Username with password credential: the login of the proxy in {@code clientConfig.proxies}. */
    public String getProxyCredentialsId() {
        return proxyCredentialsId;
    }

    @DataBoundSetter
    public void setProxyCredentialsId(String proxyCredentialsId) {
        this.proxyCredentialsId = Util.fixEmptyAndTrim(proxyCredentialsId);
    }

    /** The parameters as plain data for the step's execution (which outlives this object across a restart). */
    @SuppressWarnings("unchecked")
    ConnectionParameters connection() {
        if (clientConfig != null && !(clientConfig instanceof Map)) {
            throw new InvalidSettingException(
                    "clientConfig",
                    "must be a map such as [retries: [mode: 'standard']]," + " not "
                            + clientConfig.getClass().getSimpleName());
        }
        return new ConnectionParameters(
                credentialsId,
                region,
                endpointUrl,
                roleArn,
                roleExternalId,
                verify,
                caBundleCredentialsId,
                (Map<String, ?>) clientConfig,
                proxyCredentialsId);
    }
}
