package io.jenkins.plugins.awsstepfunctions.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import org.junit.jupiter.api.Test;

/** The global configuration reads from and exports to Configuration as Code. */
@WithJenkinsConfiguredWithCode
class GlobalConfigurationAsCodeTest {

    @Test
    @ConfiguredWithCode("configuration-as-code.yaml")
    void roundTrip(JenkinsConfiguredWithCodeRule j) throws Exception {
        StepFunctionsGlobalConfiguration global = StepFunctionsGlobalConfiguration.get();
        assertThat(global.getRegion()).isEqualTo("eu-west-1");
        assertThat(global.getCredentialsId()).isEqualTo("deploy-keys");
        assertThat(global.getEndpointUrl()).isEqualTo("http://127.0.0.1:4584");
        assertThat(global.getRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/deployer");
        assertThat(global.isVerify()).isFalse();
        assertThat(global.getDescribePerSecond()).isEqualTo(5);
        assertThat(global.getPollInterval()).isEqualTo(20);
        assertThat(global.getProxyCredentialsId()).isEqualTo("proxy-login");
        assertThat(global.isKeepStateData()).isTrue();
        assertThat(global.getEventQueueUrl()).isEqualTo("http://127.0.0.1:9/123456789012/sfn-status-changes");
        assertThat(global.getEventQueueCredentialsId()).isEqualTo("queue-reader");
        assertThat(global.getEventQueueRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/queue-reader");
        assertThat(global.getEventReceivers()).isEqualTo(3);
        assertThat(global.getEventSafetyInterval()).isEqualTo(10);

        // The harness's export of the "unclassified" section (ConfigurationAsCode#export is not an API for plugins).
        CNode exported = Util.getUnclassifiedRoot(new ConfigurationContext(ConfiguratorRegistry.get()))
                .get("awsStepFunctions");
        assertThat(exported).as("awsStepFunctions in the export").isNotNull();
        assertThat(Util.toYamlString(exported))
                .contains(
                        "region: \"eu-west-1\"",
                        "describePerSecond: 5",
                        "proxyCredentialsId: \"proxy-login\"",
                        "keepStateData: true",
                        "eventQueueUrl: \"http://127.0.0.1:9/123456789012/sfn-status-changes\"",
                        "eventQueueCredentialsId: \"queue-reader\"",
                        "eventQueueRoleArn: \"arn:aws:iam::123456789012:role/queue-reader\"",
                        "eventReceivers: 3",
                        "eventSafetyInterval: 10");
    }
}
