package io.jenkins.plugins.awsstepfunctions.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import org.junit.jupiter.api.Test;

/** The parameters the state machine steps check before any call: the definition's source, the role, the status. */
class StateMachineParameterChecksTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/release-executions";

    @Test
    void theDefinitionComesFromExactlyOnePlace() {
        Definitions.checkSource("{}", null);
        Definitions.checkSource(null, "sm.asl.json");
        assertThatThrownBy(() -> Definitions.checkSource(null, null))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("definition: or definitionFile is required");
        assertThatThrownBy(() -> Definitions.checkSource("{}", "sm.asl.json"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("definitionFile: cannot be combined with definition; give the definition one way only");
    }

    @Test
    void theExecutionRoleIsARoleArnNamedAsItsParameter() {
        assertThat(ExecutionRoleArn.check(" " + ROLE + " ", true)).isEqualTo(ROLE);
        assertThat(ExecutionRoleArn.check(" ", false)).isNull();
        assertThat(ExecutionRoleArn.check(null, false)).isNull();
        assertThatThrownBy(() -> ExecutionRoleArn.check(null, true))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("executionRoleArn: is required: the IAM role the state machine's executions use (roleArn is"
                        + " the role the connection assumes)");
        assertThatThrownBy(() -> ExecutionRoleArn.check("arn:aws:iam::123456789012:user/deployer", false))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("executionRoleArn: ");
    }

    @Test
    void theExpectedStatusIsOneOfTestStatesInAnyCase() {
        assertThat(StateTestResult.expectedStatus(null)).isEqualTo("SUCCEEDED");
        assertThat(StateTestResult.expectedStatus(" caught_error ")).isEqualTo("CAUGHT_ERROR");
        assertThat(StateTestResult.STATUSES).containsExactly("SUCCEEDED", "FAILED", "RETRIABLE", "CAUGHT_ERROR");
        assertThatThrownBy(() -> StateTestResult.expectedStatus("passed"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("expectStatus: must be one of SUCCEEDED, FAILED, RETRIABLE, CAUGHT_ERROR, not 'passed'");
    }

    @Test
    void theDefaultVersionDescriptionIsTheBuildAndItsAddressWithinTheLimit() {
        String url = "https://jenkins.example.com/job/team/job/release/42/";
        assertThat(DeployRequest.defaultVersionDescription("Jenkins team » release #42", url))
                .isEqualTo("Jenkins team » release #42 " + url);
        assertThat(DeployRequest.defaultVersionDescription("Jenkins release #42", null))
                .isEqualTo("Jenkins release #42");
        String longName = "Jenkins " + "x".repeat(240);
        assertThat(DeployRequest.defaultVersionDescription(longName, url)).isEqualTo(longName);

        // Cut at 256 characters, but never between the two halves of a character outside the BMP.
        String emoji = "\uD83D\uDE80";
        String rockets = "Jenkins " + "x".repeat(247) + emoji + "y";
        String cut = DeployRequest.defaultVersionDescription(rockets, url);
        assertThat(cut).hasSize(255).endsWith("x");
        String fits = "Jenkins " + "x".repeat(246) + emoji + "y";
        assertThat(DeployRequest.defaultVersionDescription(fits, url))
                .hasSize(256)
                .endsWith(emoji);
    }

    @Test
    void theDeployLineSaysWhatWhereAndFromWhichFile() {
        DeployRequest request = DeployRequest.builder()
                .name("release")
                .definition("{}")
                .roleArn(ROLE)
                .type("express")
                .build();

        assertThat(request.describe("eu-west-1", "state-machines/release.asl.json"))
                .isEqualTo("Deploying the EXPRESS state machine 'release' in eu-west-1 from"
                        + " state-machines/release.asl.json");
        assertThat(request.describe(null, null))
                .isEqualTo("Deploying the EXPRESS state machine 'release' in the SDK's default region");
    }

    @Test
    void aDeployWhoseDefinitionComesLaterIsCheckedAtOnceAndKeptAcrossARestart() throws Exception {
        DeployRequest pending = DeployRequest.builder()
                .name("release")
                .definitionLater()
                .roleArn(ROLE)
                .publish(true, "build 7")
                .alias("live", java.util.Map.of("new", 10, "1", 90))
                .build();

        assertThat(pending.definition()).isNull();
        assertThatThrownBy(() -> DeployRequest.builder()
                        .name("release")
                        .definitionLater()
                        .roleArn(ROLE)
                        .alias("live", java.util.Map.of("new", 60, "1", 30))
                        .publish(true, null)
                        .build())
                .hasMessage("routing: weights add up to 90; they must add up to 100");
        assertThatThrownBy(() -> pending.withDefinition("")).hasMessageStartingWith("definition: is required");

        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(pending);
        }
        DeployRequest restored;
        try (java.io.ObjectInputStream in =
                new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            restored = (DeployRequest) in.readObject();
        }
        DeployRequest complete =
                restored.withDefinition("{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}");

        assertThat(complete.definition()).startsWith("{\"StartAt\"");
        assertThat(complete.name()).isEqualTo("release");
        assertThat(complete.versionDescription()).contains("build 7");
        assertThat(complete.describe("eu-west-1", "sm.json"))
                .isEqualTo("Deploying the STANDARD state machine 'release' in eu-west-1 from sm.json");
    }
}
