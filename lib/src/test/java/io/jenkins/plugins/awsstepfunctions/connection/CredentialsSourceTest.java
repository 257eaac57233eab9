package io.jenkins.plugins.awsstepfunctions.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

class CredentialsSourceTest {

    @Test
    void staticKeysNeverShowTheirSecrets() {
        CredentialsSource keys = CredentialsSource.staticKeys(
                "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "session-token-value");

        assertThat(keys.toString())
                .isEqualTo("static keys ****MPLE with session token")
                .doesNotContain("wJalr")
                .doesNotContain("session-token-value");
    }

    @Test
    void missingOrSwappedKeysAreRejectedWithoutShowingThem() {
        assertThatThrownBy(() -> CredentialsSource.staticKeys(null, "secret", null))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("accessKeyId: is empty");
        assertThatThrownBy(() -> CredentialsSource.staticKeys(
                        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AKIAIOSFODNN7EXAMPLE", null))
                .hasMessage("accessKeyId: is not an access key id (16 to 128 upper-case letters and digits, such as"
                        + " AKIAIOSFODNN7EXAMPLE); check that the key id and the secret were not swapped");
        assertThatThrownBy(() -> CredentialsSource.staticKeys("AKIAIOSFODNN7EXAMPLE", " ", null))
                .hasMessage("secretAccessKey: is empty; the secret access key of ****MPLE is required");
    }

    @Test
    void providedCredentialsAreEqualByIdentityNotByObject() {
        CredentialsSource a = CredentialsSource.provided("jenkins:deployer:1", AnonymousCredentialsProvider.create());
        CredentialsSource b = CredentialsSource.provided("jenkins:deployer:1", AnonymousCredentialsProvider.create());

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a)
                .isNotEqualTo(CredentialsSource.provided("jenkins:deployer:2", AnonymousCredentialsProvider.create()));
    }

    @Test
    void providedCredentialsNeedAnIdentityAndAProvider() {
        assertThatThrownBy(() -> CredentialsSource.provided("", AnonymousCredentialsProvider.create()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("credentials: the identity of provided credentials is empty");
        assertThatThrownBy(() -> CredentialsSource.provided("jenkins:x", null))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("credentials: no credentials provider was given for jenkins:x");
    }
}
