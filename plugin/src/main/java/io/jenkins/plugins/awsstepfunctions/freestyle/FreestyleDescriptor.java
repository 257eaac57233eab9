package io.jenkins.plugins.awsstepfunctions.freestyle;

import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionParameters;
import io.jenkins.plugins.awsstepfunctions.forms.FormChecks;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** What the three freestyle build steps' descriptors share: applicability and the connection fields' forms. */
public abstract class FreestyleDescriptor extends BuildStepDescriptor<Builder> {

    @Override
    public boolean isApplicable(Class<? extends AbstractProject> jobType) {
        return true;
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
        return FormChecks.checkRegion(item, value, FormChecks.Values.EXPANDED_BY_THE_BUILD);
    }

    @POST
    public FormValidation doCheckEndpointUrl(@AncestorInPath Item item, @QueryParameter String value) {
        return FormChecks.checkEndpointUrl(item, value, FormChecks.Values.EXPANDED_BY_THE_BUILD);
    }

    @POST
    public FormValidation doCheckRoleArn(@AncestorInPath Item item, @QueryParameter String value) {
        return FormChecks.checkRoleArn(item, value, FormChecks.Values.EXPANDED_BY_THE_BUILD);
    }

    @POST
    public FormValidation doCheckClientConfig(@AncestorInPath Item item, @QueryParameter String value) {
        return FormChecks.checkClientConfig(item, value, FormChecks.Values.EXPANDED_BY_THE_BUILD);
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
}
