package io.jenkins.plugins.awsstepfunctions.steps;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import io.jenkins.plugins.awsstepfunctions.config.StepFunctionsGlobalConfiguration;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Points the plugin at moto and loads the documentation's example Pipelines. */
public final class PluginTestSupport {

    static final String CREDENTIALS_ID = "moto-keys";

    private PluginTestSupport() {}

    /** Global defaults for moto, and an AWS credential with moto's keys in the system store. */
    public static void useMoto(MotoServer moto) throws IOException {
        useMotoThrough(moto.endpoint().toString());
    }

    /** As {@link #useMoto(MotoServer)}, through another endpoint in front of moto (WireMock, for faults). */
    static void useMotoThrough(String endpoint) throws IOException {
        StepFunctionsGlobalConfiguration global = StepFunctionsGlobalConfiguration.get();
        global.setRegion(MotoServer.REGION);
        global.setEndpointUrl(endpoint);
        global.setCredentialsId(CREDENTIALS_ID);
        global.setPollInterval(1);
        SystemCredentialsProvider.getInstance().getCredentials().add(awsCredential(CREDENTIALS_ID));
        SystemCredentialsProvider.getInstance().save();
    }

    static AWSCredentialsImpl awsCredential(String id) {
        return new AWSCredentialsImpl(
                CredentialsScope.GLOBAL,
                id,
                MotoServer.ACCESS_KEY_ID,
                MotoServer.SECRET_ACCESS_KEY,
                "moto test keys",
                null,
                null,
                null);
    }

    /** An example Pipeline from docs/examples, with every state machine ARN in it replaced by the given one. */
    static String example(String name, String stateMachineArn) throws IOException {
        Path file = Path.of("..", "docs", "examples", name + ".groovy");
        return Files.readString(file, StandardCharsets.UTF_8)
                .replaceAll("arn:aws:states:[a-z0-9-]+:\\d{12}:stateMachine:[A-Za-z0-9_-]+", stateMachineArn);
    }
}
