package io.jenkins.plugins.awsstepfunctions.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.Rule;
import org.junit.Test;

/** The global configuration reads from and exports to Configuration as Code. */
public class GlobalConfigurationAsCodeTest {

    @Rule
    public JenkinsConfiguredWithCodeRule j = new JenkinsConfiguredWithCodeRule();

    @Test
    @ConfiguredWithCode("configuration-as-code.yaml")
    public void roundTrip() throws Exception {
        StepFunctionsGlobalConfiguration global = StepFunctionsGlobalConfiguration.get();
        assertEquals("eu-west-1", global.getRegion());
        assertEquals("deploy-keys", global.getCredentialsId());
        assertEquals("http://127.0.0.1:4584", global.getEndpointUrl());
        assertEquals("arn:aws:iam::123456789012:role/deployer", global.getRoleArn());
        assertFalse(global.isVerify());
        assertEquals(5, global.getDescribePerSecond());
        assertEquals(20, global.getPollInterval());

        ByteArrayOutputStream exported = new ByteArrayOutputStream();
        ConfigurationAsCode.get().export(exported);
        String yaml = exported.toString(StandardCharsets.UTF_8);
        assertContains(yaml, "awsStepFunctions:");
        assertContains(yaml, "region: \"eu-west-1\"");
        assertContains(yaml, "describePerSecond: 5");
    }

    private static void assertContains(String text, String part) {
        if (!text.contains(part)) {
            throw new AssertionError("Expected the export to contain " + part + " but it was:\n" + text);
        }
    }
}
