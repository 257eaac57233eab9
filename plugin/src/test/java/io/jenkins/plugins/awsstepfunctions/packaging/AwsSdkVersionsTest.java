package io.jenkins.plugins.awsstepfunctions.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.util.VersionInfo;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The bundled sfn module is the release of the SDK inside the aws-java-sdk2-core plugin the BOM brings: the SDK's
 * modules are only supported at one version, so a BOM update that moves aws-java-sdk2-core must move aws.sdk.version.
 */
class AwsSdkVersionsTest {

    @Test
    void bundledSfnIsTheSdkReleaseOfAwsJavaSdk2Core() throws IOException {
        Properties sfn = new Properties();
        try (InputStream in = SfnClient.class
                .getClassLoader()
                .getResourceAsStream("META-INF/maven/software.amazon.awssdk/sfn/pom.properties")) {
            assertThat(in).as("sfn's pom.properties").isNotNull();
            sfn.load(in);
        }

        assertThat(sfn.getProperty("version"))
                .as("sfn's version (the root pom's aws.sdk.version)")
                .isEqualTo(VersionInfo.SDK_VERSION);
    }
}
