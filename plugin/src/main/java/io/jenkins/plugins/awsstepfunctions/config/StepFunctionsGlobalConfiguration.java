package io.jenkins.plugins.awsstepfunctions.config;

import hudson.Extension;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsstepfunctions.connection.ClientSettings;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionParameters;
import io.jenkins.plugins.awsstepfunctions.credentials.CredentialLists;
import io.jenkins.plugins.awsstepfunctions.forms.FormChecks;
import io.jenkins.plugins.awsstepfunctions.watch.WatchOptions;
import io.jenkins.plugins.awsstepfunctions.watch.WatcherSettings;
import java.util.Map;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins › System › AWS Step Functions: the defaults every step inherits, and how the controller-wide
 * watcher shares the API. Configuration as Code: {@code unclassified: awsStepFunctions: ...}.
 */
@Extension
@Symbol("awsStepFunctions")
public class StepFunctionsGlobalConfiguration extends GlobalConfiguration {

    private String credentialsId;
    private String region;
    private String endpointUrl;
    private String roleArn;
    private String roleExternalId;
    private boolean verify = true;
    private String caBundleCredentialsId;
    private String clientConfig;
    private String proxyCredentialsId;
    private int describePerSecond = WatcherSettings.DEFAULT_DESCRIBE_PER_SECOND;
    private int pollInterval = (int) WatchOptions.DEFAULT_POLL_INTERVAL.toSeconds();
    private boolean keepStateData;

    public StepFunctionsGlobalConfiguration() {
        load();
    }

    public static StepFunctionsGlobalConfiguration get() {
        return GlobalConfiguration.all().getInstance(StepFunctionsGlobalConfiguration.class);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
        save();
    }

    public String getRegion() {
        return region;
    }

    @DataBoundSetter
    public void setRegion(String region) {
        this.region = Util.fixEmptyAndTrim(region);
        save();
    }

    public String getEndpointUrl() {
        return endpointUrl;
    }

    @DataBoundSetter
    public void setEndpointUrl(String endpointUrl) {
        this.endpointUrl = Util.fixEmptyAndTrim(endpointUrl);
        save();
    }

    public String getRoleArn() {
        return roleArn;
    }

    @DataBoundSetter
    public void setRoleArn(String roleArn) {
        this.roleArn = Util.fixEmptyAndTrim(roleArn);
        save();
    }

    public String getRoleExternalId() {
        return roleExternalId;
    }

    @DataBoundSetter
    public void setRoleExternalId(String roleExternalId) {
        this.roleExternalId = Util.fixEmptyAndTrim(roleExternalId);
        save();
    }

    public boolean isVerify() {
        return verify;
    }

    @DataBoundSetter
    public void setVerify(boolean verify) {
        this.verify = verify;
        save();
    }

    public String getCaBundleCredentialsId() {
        return caBundleCredentialsId;
    }

    @DataBoundSetter
    public void setCaBundleCredentialsId(String caBundleCredentialsId) {
        this.caBundleCredentialsId = Util.fixEmptyAndTrim(caBundleCredentialsId);
        save();
    }

    /** A Username with password credential: the login of the proxy in the client configuration's proxies. */
    public String getProxyCredentialsId() {
        return proxyCredentialsId;
    }

    @DataBoundSetter
    public void setProxyCredentialsId(String proxyCredentialsId) {
        this.proxyCredentialsId = Util.fixEmptyAndTrim(proxyCredentialsId);
        save();
    }

    /** The client configuration as JSON text (botocore or camelCase keys). */
    public String getClientConfig() {
        return clientConfig;
    }

    @DataBoundSetter
    public void setClientConfig(String clientConfig) {
        this.clientConfig = Util.fixEmptyAndTrim(clientConfig);
        save();
    }

    public int getDescribePerSecond() {
        return describePerSecond;
    }

    @DataBoundSetter
    public void setDescribePerSecond(int describePerSecond) {
        this.describePerSecond = describePerSecond;
        save();
    }

    /** Whether the build page's diagrams keep each state's last input and output; off unless an administrator chooses. */
    public boolean isKeepStateData() {
        return keepStateData;
    }

    @DataBoundSetter
    public void setKeepStateData(boolean keepStateData) {
        this.keepStateData = keepStateData;
        save();
    }

    public int getPollInterval() {
        return pollInterval;
    }

    @DataBoundSetter
    public void setPollInterval(int pollInterval) {
        this.pollInterval = pollInterval;
        save();
    }

    /** The client configuration as a map, or {@code null} when none is set. */
    public Map<String, ?> clientConfigMap() {
        return ClientSettings.parseJson("clientConfig", clientConfig);
    }

    @POST
    public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return CredentialLists.awsCredentials(null, credentialsId);
    }

    @POST
    public ListBoxModel doFillCaBundleCredentialsIdItems(@QueryParameter String caBundleCredentialsId) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return CredentialLists.fileCredentials(null, caBundleCredentialsId);
    }

    @POST
    public ListBoxModel doFillProxyCredentialsIdItems(@QueryParameter String proxyCredentialsId) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return CredentialLists.usernamePasswordCredentials(null, proxyCredentialsId);
    }

    @POST
    public FormValidation doTestConnection(
            @QueryParameter String credentialsId,
            @QueryParameter String region,
            @QueryParameter String endpointUrl,
            @QueryParameter String roleArn,
            @QueryParameter String roleExternalId,
            @QueryParameter boolean verify,
            @QueryParameter String caBundleCredentialsId,
            @QueryParameter String proxyCredentialsId) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        // What the form says, layered over what is saved, with the credentials Jenkins itself sees.
        return FormChecks.testConnection(
                null,
                new ConnectionParameters(
                        credentialsId,
                        region,
                        endpointUrl,
                        roleArn,
                        roleExternalId,
                        verify,
                        caBundleCredentialsId,
                        null,
                        proxyCredentialsId),
                null);
    }

    @POST
    public FormValidation doCheckClientConfig(@QueryParameter String value) {
        return FormChecks.checkClientConfig(null, value, FormChecks.Values.AS_WRITTEN);
    }

    @POST
    public FormValidation doCheckDescribePerSecond(@QueryParameter int value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return value >= 1 && value <= 1000
                ? FormValidation.ok()
                : FormValidation.error("Use 1 to 1000 calls per second (the smallest regional quota refills 10 per"
                        + " second, shared by every caller in the account)");
    }

    @POST
    public FormValidation doCheckPollInterval(@QueryParameter int value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return value >= 1 && value <= 3600 ? FormValidation.ok() : FormValidation.error("Use 1 to 3600 seconds");
    }
}
