package io.jenkins.plugins.awsstepfunctions.freestyle;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Descriptor;
import hudson.model.FreeStyleProject;
import hudson.util.FormValidation;
import io.jenkins.plugins.awsstepfunctions.steps.GetOutputStep;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Freestyle fields are expanded by the build, so their form checks accept ${...} (the documented way to chain the
 * steps is executionArn: ${SFN_EXECUTION_ARN}), check what can be known, and still flag what is wrong as written.
 */
@WithJenkins
class FreestyleFormChecksTest {

    private JenkinsRule j;
    private FreeStyleProject job;

    @BeforeEach
    void setUp(JenkinsRule j) throws Exception {
        this.j = j;
        this.job = j.createFreeStyleProject("chained");
    }

    private <T extends Descriptor<?>> T descriptor(Class<T> type) {
        return j.jenkins.getDescriptorByType(type);
    }

    private static void acceptedAsExpandedByTheBuild(FormValidation check, String variable) {
        assertThat(check.kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(check.renderHtml()).contains(variable).contains("the build expands");
    }

    @Test
    void theExportedExecutionArnIsAcceptedByTheGetOutputAndWaitSteps() {
        acceptedAsExpandedByTheBuild(
                descriptor(GetOutputBuilder.DescriptorImpl.class).doCheckExecutionArn(job, "${SFN_EXECUTION_ARN}"),
                "SFN_EXECUTION_ARN");
        acceptedAsExpandedByTheBuild(
                descriptor(WaitForExecutionBuilder.DescriptorImpl.class).doCheckExecutionArn(job, "$SFN_EXECUTION_ARN"),
                "SFN_EXECUTION_ARN");
    }

    @Test
    void everyExpandedFieldOfTheStartStepAcceptsVariables() {
        StartExecutionBuilder.DescriptorImpl start = descriptor(StartExecutionBuilder.DescriptorImpl.class);

        acceptedAsExpandedByTheBuild(
                start.doCheckStateMachineArn(job, "arn:aws:states:${AWS_REGION}:123456789012:stateMachine:orders"),
                "AWS_REGION");
        acceptedAsExpandedByTheBuild(start.doCheckName(job, "release-${BUILD_NUMBER}"), "BUILD_NUMBER");
        acceptedAsExpandedByTheBuild(start.doCheckInput(job, "{\"build\": ${BUILD_NUMBER}}"), "BUILD_NUMBER");
        acceptedAsExpandedByTheBuild(start.doCheckRegion(job, "${AWS_REGION}"), "AWS_REGION");
        acceptedAsExpandedByTheBuild(start.doCheckEndpointUrl(job, "https://${SFN_HOST}"), "SFN_HOST");
        acceptedAsExpandedByTheBuild(start.doCheckRoleArn(job, "arn:aws:iam::${ACCOUNT}:role/deployer"), "ACCOUNT");
        acceptedAsExpandedByTheBuild(start.doCheckClientConfig(job, "{\"read_timeout\": ${TIMEOUT}}"), "TIMEOUT");
    }

    @Test
    void routingWithVariablesMayBeSpacedAsTheBuildAcceptsIt() {
        DeployStateMachineBuilder.DescriptorImpl deploy = descriptor(DeployStateMachineBuilder.DescriptorImpl.class);

        acceptedAsExpandedByTheBuild(deploy.doCheckRouting(job, "new = ${CANARY}, 1 = ${REST}"), "CANARY");
        assertThat(deploy.doCheckRouting(job, "new=10, 1=90").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(deploy.doCheckRouting(job, "new=1 0,1=${REST}").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(deploy.doCheckRouting(job, "new=10,1=80").kind).isEqualTo(FormValidation.Kind.ERROR);
    }

    @Test
    void whatIsWrongAsWrittenIsStillAnError() {
        StartExecutionBuilder.DescriptorImpl start = descriptor(StartExecutionBuilder.DescriptorImpl.class);

        assertThat(start.doCheckStateMachineArn(job, "arn:aws:states:us-east-1:1:stateMachine:x").kind)
                .isEqualTo(FormValidation.Kind.ERROR);
        assertThat(start.doCheckName(job, "release #${BUILD_NUMBER}").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(descriptor(GetOutputBuilder.DescriptorImpl.class).doCheckExecutionArn(job, "arm:${REST}").kind)
                .isEqualTo(FormValidation.Kind.ERROR);
        assertThat(descriptor(GetOutputBuilder.DescriptorImpl.class)
                        .doCheckExecutionArn(job, "${SFN_EXECUTION_ARN")
                        .kind)
                .isEqualTo(FormValidation.Kind.ERROR);
    }

    @Test
    void pipelineStepsDoNotExpandSoTheirFormsKeepCheckingTheValueAsWritten() {
        assertThat(descriptor(GetOutputStep.DescriptorImpl.class).doCheckExecutionArn(job, "${SFN_EXECUTION_ARN}").kind)
                .isEqualTo(FormValidation.Kind.ERROR);
    }
}
