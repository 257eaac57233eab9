package io.jenkins.plugins.awsstepfunctions.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AssumeRoleSettingsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "arn:aws:iam::123456789012:role/deployer",
                "arn:aws-cn:iam::123456789012:role/a/b/c",
                "arn:aws-us-gov:iam::123456789012:role/x+y=z,w.v@u-t_s"
            })
    void roleArnsOfEveryPartitionAreAccepted(String arn) {
        assertThat(AssumeRoleSettings.builder().roleArn(arn).build().roleArn()).isEqualTo(arn);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "deployer",
                "arn:aws:iam::123456789012:user/bob",
                "arn:aws:iam::12345:role/short-account",
                "arn:aws:states:us-east-1:123456789012:stateMachine:x"
            })
    void thingsThatAreNotRoleArnsAreRejected(String arn) {
        assertThatThrownBy(() -> AssumeRoleSettings.builder().roleArn(arn).build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("roleArn: '" + arn + "' is not an IAM role ARN; expected"
                        + " arn:<partition>:iam::<12-digit account>:role/<name>");
    }

    @Test
    void missingRoleArnIsRejected() {
        assertThatThrownBy(() -> AssumeRoleSettings.builder().externalId("abc").build())
                .hasMessage("roleArn: is empty; give a value or leave the parameter out");
    }

    @Test
    void defaultsAreAnHourAndANamedSession() {
        AssumeRoleSettings role = AssumeRoleSettings.builder()
                .roleArn("arn:aws:iam::123456789012:role/r")
                .build();

        assertThat(role.duration()).isEqualTo(Duration.ofHours(1));
        assertThat(role.sessionName()).isEqualTo("jenkins-aws-step-functions");
        assertThat(role.stsEndpoint()).isEmpty();
        assertThat(role.stsRegion()).isEmpty();
    }

    @Test
    void durationsOutsideWhatStsAllowsAreRejected() {
        AssumeRoleSettings.Builder builder = AssumeRoleSettings.builder().roleArn("arn:aws:iam::123456789012:role/r");

        assertThatThrownBy(() -> builder.duration(Duration.ofSeconds(899)).build())
                .hasMessage("roleDurationSeconds: 899 seconds is outside what AWS STS allows; use 900 to 43200 seconds"
                        + " (15 minutes to 12 hours, and at most the role's maximum session duration)");
        assertThatThrownBy(() -> builder.duration(Duration.ofHours(13)).build())
                .hasMessageStartingWith("roleDurationSeconds: 46800 seconds is outside");
    }

    @Test
    void badExternalIdIsRejectedWithoutBeingShown() {
        assertThatThrownBy(() -> AssumeRoleSettings.builder()
                        .roleArn("arn:aws:iam::123456789012:role/r")
                        .externalId("has spaces in it")
                        .build())
                .hasMessage("roleExternalId: must be 2 to 1224 characters of letters, digits and +=,.@:/-_"
                        + " (the value given has 16 characters)");
    }

    @Test
    void badSessionNameStsEndpointAndStsRegionAreRejected() {
        AssumeRoleSettings.Builder builder = AssumeRoleSettings.builder().roleArn("arn:aws:iam::123456789012:role/r");

        assertThatThrownBy(() -> builder.sessionName("build #42").build())
                .hasMessageStartingWith("roleSessionName: 'build #42' is not a role session name");
        assertThatThrownBy(() -> AssumeRoleSettings.builder()
                        .roleArn("arn:aws:iam::123456789012:role/r")
                        .stsEndpoint("sts.amazonaws.com")
                        .build())
                .hasMessageStartingWith("stsEndpointUrl: 'sts.amazonaws.com' must start with http:// or https://");
        assertThatThrownBy(() -> AssumeRoleSettings.builder()
                        .roleArn("arn:aws:iam::123456789012:role/r")
                        .stsRegion("Global")
                        .build())
                .hasMessageStartingWith("stsRegion: 'Global' is not a region name");
    }

    @Test
    void toBuilderKeepsEverything() {
        AssumeRoleSettings role = AssumeRoleSettings.builder()
                .roleArn("arn:aws-cn:iam::123456789012:role/r")
                .externalId("ext-id")
                .sessionName("s1")
                .duration(Duration.ofMinutes(30))
                .stsEndpoint("https://sts.cn-north-1.amazonaws.com.cn")
                .stsRegion("cn-north-1")
                .build();

        assertThat(role.toBuilder().build()).isEqualTo(role);
        assertThat(role.toString()).doesNotContain("ext-id");
    }
}
