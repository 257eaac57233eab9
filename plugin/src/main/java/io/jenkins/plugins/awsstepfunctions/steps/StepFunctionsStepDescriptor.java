package io.jenkins.plugins.awsstepfunctions.steps;

import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionParameters;
import io.jenkins.plugins.awsstepfunctions.forms.FormChecks;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** What the three steps' descriptors share: their context, and the forms of the connection parameters. */
public abstract class StepFunctionsStepDescriptor extends StepDescriptor {

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, TaskListener.class);
    }

    @POST
    public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
        return FormChecks.awsCredentials(item, credentialsId);
    }

    @POST
    public ListBoxModel doFillCaBundleCredentialsIdItems(
            @AncestorInPath Item item, @QueryParameter String caBundleCredentialsId) {
        return FormChecks.fileCredentials(item, caBundleCredentialsId);
    }

    @POST
    public ListBoxModel doFillProxyCredentialsIdItems(
            @AncestorInPath Item item, @QueryParameter String proxyCredentialsId) {
        return FormChecks.usernamePasswordCredentials(item, proxyCredentialsId);
    }

    @POST
    public FormValidation doCheckRegion(@AncestorInPath Item item, @QueryParameter String value) {
        return FormChecks.checkRegion(item, value, FormChecks.Values.AS_WRITTEN);
    }

    @POST
    public FormValidation doCheckEndpointUrl(@AncestorInPath Item item, @QueryParameter String value) {
        return FormChecks.checkEndpointUrl(item, value, FormChecks.Values.AS_WRITTEN);
    }

    @POST
    public FormValidation doTestConnection(
            @AncestorInPath Item item,
            @QueryParameter String credentialsId,
            @QueryParameter String region,
            @QueryParameter String endpointUrl,
            @QueryParameter String roleArn,
            @QueryParameter String roleExternalId,
            @QueryParameter String caBundleCredentialsId,
            @QueryParameter String proxyCredentialsId,
            @QueryParameter String stateMachineArn) {
        return FormChecks.testConnection(
                item,
                new ConnectionParameters(
                        credentialsId,
                        region,
                        endpointUrl,
                        roleArn,
                        roleExternalId,
                        null,
                        caBundleCredentialsId,
                        null,
                        proxyCredentialsId),
                stateMachineArn);
    }

    @POST
    public FormValidation doCheckRoleArn(@AncestorInPath Item item, @QueryParameter String value) {
        return FormChecks.checkRoleArn(item, value, FormChecks.Values.AS_WRITTEN);
    }
}
