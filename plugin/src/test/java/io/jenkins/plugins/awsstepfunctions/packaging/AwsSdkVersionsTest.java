package io.jenkins.plugins.awsstepfunctions.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.util.VersionInfo;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Every SDK service module the plugin uses is the release of the SDK inside the aws-java-sdk2-core plugin the BOM
 * brings: the SDK's modules are only supported at one version, so a BOM update that moves aws-java-sdk2-core must move
 * aws.sdk.version (the bundled sfn and eventbridge modules) with it. sqs comes from the aws-java-sdk2-sqs plugin, which
 * the BOM moves together with aws-java-sdk2-core.
 */
class AwsSdkVersionsTest {

    @ParameterizedTest
    @ValueSource(classes = {SfnClient.class, EventBridgeClient.class, SqsClient.class})
    void eachServiceModuleIsTheSdkReleaseOfAwsJavaSdk2Core(Class<?> client) throws IOException {
        // software.amazon.awssdk.services.<module>
        String module =
                client.getPackageName().substring(client.getPackageName().lastIndexOf('.') + 1);
        Properties pom = new Properties();
        try (InputStream in = client.getClassLoader()
                .getResourceAsStream("META-INF/maven/software.amazon.awssdk/" + module + "/pom.properties")) {
            assertThat(in).as(module + "'s pom.properties").isNotNull();
            pom.load(in);
        }

        assertThat(pom.getProperty("version"))
                .as(module + "'s version (for sfn and eventbridge: the root pom's aws.sdk.version)")
                .isEqualTo(VersionInfo.SDK_VERSION);
    }
}
