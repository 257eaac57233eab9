package io.jenkins.plugins.awsstepfunctions.config;

import hudson.BulkChange;
import hudson.Extension;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsstepfunctions.connection.ClientSettings;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionParameters;
import io.jenkins.plugins.awsstepfunctions.credentials.CredentialLists;
import io.jenkins.plugins.awsstepfunctions.events.EventQueueSettings;
import io.jenkins.plugins.awsstepfunctions.forms.FormChecks;
import io.jenkins.plugins.awsstepfunctions.watch.ControllerEngine;
import io.jenkins.plugins.awsstepfunctions.watch.WatchOptions;
import io.jenkins.plugins.awsstepfunctions.watch.WatcherSettings;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins › System › AWS Step Functions: the defaults every step inherits, and how the controller-wide
 * watcher shares the API. Configuration as Code: {@code unclassified: awsStepFunctions: ...}.
 */
@Extension
@Symbol("awsStepFunctions")
public class StepFunctionsGlobalConfiguration extends GlobalConfiguration {

    private static final int MAX_DESCRIBE_PER_SECOND = 1000;
    private static final int MIN_POLL_SECONDS = (int) WatchOptions.MIN_POLL_INTERVAL.toSeconds();
    private static final int MAX_POLL_SECONDS = (int) WatchOptions.MAX_POLL_INTERVAL.toSeconds();
    private static final int MIN_SAFETY_MINUTES = (int) WatcherSettings.MIN_EVENT_SAFETY_INTERVAL.toMinutes();
    private static final int MAX_SAFETY_MINUTES = (int) WatcherSettings.MAX_EVENT_SAFETY_INTERVAL.toMinutes();

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
    private String eventQueueUrl;
    private String eventQueueCredentialsId;
    private String eventQueueRoleArn;
    private int eventReceivers = EventQueueSettings.DEFAULT_RECEIVERS;
    private int eventSafetyInterval = (int) WatcherSettings.DEFAULT_EVENT_SAFETY_INTERVAL.toMinutes();

    public StepFunctionsGlobalConfiguration() {
        load();
    }

    /**
     * Every change ends here (the setters, the form, Configuration as Code's one save after its setters): a running
     * engine then reads the event queue the configuration now names, with the connection settings it now has.
     */
    @Override
    public void save() {
        // Descriptor.save() is synchronized; the engine is told after it, without this descriptor's lock.
        super.save();
        if (!BulkChange.contains(this)) {
            ControllerEngine.eventQueueChanged();
        }
    }

    /**
     * The form: numbers checked first (Stapler turns an empty or garbled number into 0), then every field bound in one
     * bulk change, so the engine hears of the change once, with all of it.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        checkFormNumber(json, "describePerSecond", 1, MAX_DESCRIBE_PER_SECOND);
        checkFormNumber(json, "pollInterval", MIN_POLL_SECONDS, MAX_POLL_SECONDS);
        checkFormNumber(json, "eventReceivers", 1, EventQueueSettings.MAX_RECEIVERS);
        checkFormNumber(json, "eventSafetyInterval", MIN_SAFETY_MINUTES, MAX_SAFETY_MINUTES);
        try (BulkChange bulk = new BulkChange(this)) {
            req.bindJSON(this, json);
            bulk.commit();
        } catch (IOException e) {
            throw new FormException(
                    "The AWS Step Functions configuration could not be saved: " + e.getMessage(), e, "eventQueueUrl");
        }
        return true;
    }

    private static void checkFormNumber(JSONObject json, String field, int min, int max) throws FormException {
        if (!json.has(field)) {
            return;
        }
        int value;
        try {
            value = Integer.parseInt(json.getString(field).trim());
        } catch (NumberFormatException e) {
            throw new FormException(field + ": is not a whole number; use " + min + " to " + max, field);
        }
        if (value < min || value > max) {
            throw new FormException(field + ": " + value + " is not allowed; use " + min + " to " + max, field);
        }
    }

    /** The same bounds for Configuration as Code, which calls the setters (and reports what they throw). */
    private static int inRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + ": " + value + " is not allowed; use " + min + " to " + max);
        }
        return value;
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
        this.describePerSecond = inRange("describePerSecond", describePerSecond, 1, MAX_DESCRIBE_PER_SECOND);
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
        this.pollInterval = inRange("pollInterval", pollInterval, MIN_POLL_SECONDS, MAX_POLL_SECONDS);
        save();
    }

    /** The SQS queue an EventBridge rule sends Step Functions status changes to; {@code null}: events are off. */
    public String getEventQueueUrl() {
        return eventQueueUrl;
    }

    @DataBoundSetter
    public void setEventQueueUrl(String eventQueueUrl) {
        this.eventQueueUrl = Util.fixEmptyAndTrim(eventQueueUrl);
        save();
    }

    /** The AWS credential that reads the queue; {@code null}: the global {@link #getCredentialsId()}. */
    public String getEventQueueCredentialsId() {
        return eventQueueCredentialsId;
    }

    @DataBoundSetter
    public void setEventQueueCredentialsId(String eventQueueCredentialsId) {
        this.eventQueueCredentialsId = Util.fixEmptyAndTrim(eventQueueCredentialsId);
        save();
    }

    /** The role assumed to read the queue; {@code null}: the global {@link #getRoleArn()}. */
    public String getEventQueueRoleArn() {
        return eventQueueRoleArn;
    }

    @DataBoundSetter
    public void setEventQueueRoleArn(String eventQueueRoleArn) {
        this.eventQueueRoleArn = Util.fixEmptyAndTrim(eventQueueRoleArn);
        save();
    }

    /** Threads that long-poll the queue, whatever the number of waits. */
    public int getEventReceivers() {
        return eventReceivers;
    }

    @DataBoundSetter
    public void setEventReceivers(int eventReceivers) {
        this.eventReceivers = inRange("eventReceivers", eventReceivers, 1, EventQueueSettings.MAX_RECEIVERS);
        save();
    }

    /** Minutes between two checks of a wait while events flow, in case its event is lost; applies after a restart. */
    public int getEventSafetyInterval() {
        return eventSafetyInterval;
    }

    @DataBoundSetter
    public void setEventSafetyInterval(int eventSafetyInterval) {
        this.eventSafetyInterval =
                inRange("eventSafetyInterval", eventSafetyInterval, MIN_SAFETY_MINUTES, MAX_SAFETY_MINUTES);
        save();
    }

    /**
     * How the engine reads the queue: the queue's own credential and role where set, and everything else (and what is
     * not set) from this configuration, as {@link io.jenkins.plugins.awsstepfunctions.credentials.ConnectionResolver}
     * layers a step's parameters over it.
     */
    public ConnectionParameters eventQueueConnection() {
        return eventQueueConnection(
                new ConnectionParameters(null, null, null, null, null, null, null, null),
                eventQueueCredentialsId,
                eventQueueRoleArn);
    }

    /** A role given for the queue comes alone: the global role's external id is that role's, not the queue's. */
    private static ConnectionParameters eventQueueConnection(
            ConnectionParameters global, String queueCredentialsId, String queueRoleArn) {
        String credentialsId = Util.fixEmptyAndTrim(queueCredentialsId);
        String roleArn = Util.fixEmptyAndTrim(queueRoleArn);
        return new ConnectionParameters(
                credentialsId != null ? credentialsId : global.credentialsId(),
                global.region(),
                global.endpointUrl(),
                roleArn != null ? roleArn : global.roleArn(),
                roleArn != null ? null : global.roleExternalId(),
                global.verify(),
                global.caBundleCredentialsId(),
                global.clientConfig(),
                global.proxyCredentialsId());
    }

    /**
     * What event-driven completion is doing, one sentence a line, for the form's status entry: off, not read yet,
     * read (or failing) and what the waits did with the events.
     */
    public List<String> getEventStatus() {
        if (eventQueueUrl == null) {
            return List.of("Events are off: every wait polls.");
        }
        ControllerEngine engine = ControllerEngine.running();
        if (engine == null) {
            return List.of("The queue is read from the first AWS Step Functions step on (none has run since Jenkins"
                    + " started).");
        }
        return engine.eventStatus();
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
    public ListBoxModel doFillEventQueueCredentialsIdItems(@QueryParameter String eventQueueCredentialsId) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return CredentialLists.awsCredentials(null, eventQueueCredentialsId);
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

    /**
     * "Test event queue": whether the queue can be read, and whether an EventBridge rule sends status changes to
     * it, with what the form says layered over what is saved (as "Test connection"), read-only.
     */
    @POST
    public FormValidation doTestEventQueue(
            @QueryParameter String eventQueueUrl,
            @QueryParameter String eventQueueCredentialsId,
            @QueryParameter String eventQueueRoleArn,
            @QueryParameter String credentialsId,
            @QueryParameter String region,
            @QueryParameter String endpointUrl,
            @QueryParameter String roleArn,
            @QueryParameter String roleExternalId,
            @QueryParameter boolean verify,
            @QueryParameter String caBundleCredentialsId,
            @QueryParameter String proxyCredentialsId) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FormChecks.testEventQueue(
                eventQueueUrl,
                eventQueueConnection(
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
                        eventQueueCredentialsId,
                        eventQueueRoleArn));
    }

    @POST
    public FormValidation doCheckEventQueueUrl(@QueryParameter String value) {
        return FormChecks.checkEventQueueUrl(value);
    }

    @POST
    public FormValidation doCheckEventQueueRoleArn(@QueryParameter String value) {
        return FormChecks.checkRoleArn(null, "eventQueueRoleArn", value, FormChecks.Values.AS_WRITTEN);
    }

    @POST
    public FormValidation doCheckEventReceivers(@QueryParameter int value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return value >= 1 && value <= EventQueueSettings.MAX_RECEIVERS
                ? FormValidation.ok()
                : FormValidation.error("Use 1 to " + EventQueueSettings.MAX_RECEIVERS
                        + " threads (each holds one 20-second ReceiveMessage call at a time)");
    }

    @POST
    public FormValidation doCheckEventSafetyInterval(@QueryParameter int value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return value >= WatcherSettings.MIN_EVENT_SAFETY_INTERVAL.toMinutes()
                        && value <= WatcherSettings.MAX_EVENT_SAFETY_INTERVAL.toMinutes()
                ? FormValidation.ok()
                : FormValidation.error("Use " + WatcherSettings.MIN_EVENT_SAFETY_INTERVAL.toMinutes() + " to "
                        + WatcherSettings.MAX_EVENT_SAFETY_INTERVAL.toMinutes() + " minutes");
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
