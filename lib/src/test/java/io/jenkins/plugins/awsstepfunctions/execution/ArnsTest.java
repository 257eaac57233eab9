package io.jenkins.plugins.awsstepfunctions.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArnsTest {

    private static final String PLAIN = "arn:aws:states:eu-west-1:123456789012:stateMachine:orders";

    @Test
    void plainVersionAndAliasArnsAreUnderstood() {
        StateMachineArn plain = StateMachineArn.parse("stateMachineArn", PLAIN);
        StateMachineArn version = StateMachineArn.parse("stateMachineArn", PLAIN + ":12");
        StateMachineArn alias = StateMachineArn.parse("stateMachineArn", PLAIN + ":prod");

        assertThat(plain.qualifier()).isEmpty();
        assertThat(plain.isVersion() || plain.isAlias()).isFalse();
        assertThat(version.isVersion()).isTrue();
        assertThat(version.qualifier()).contains("12");
        assertThat(alias.isAlias()).isTrue();
        assertThat(alias.unqualified()).isEqualTo(plain);
        assertThat(plain.region()).isEqualTo("eu-west-1");
        assertThat(plain.account()).isEqualTo("123456789012");
        assertThat(plain.name()).isEqualTo("orders");
    }

    @Test
    void executionArnOfAVersionOrAliasIsNamedAfterTheStateMachineItself() {
        String expected = "arn:aws:states:eu-west-1:123456789012:execution:orders:build-7";

        assertThat(StateMachineArn.parse("arn", PLAIN).execution("build-7").toString())
                .isEqualTo(expected);
        assertThat(StateMachineArn.parse("arn", PLAIN + ":12")
                        .execution("build-7")
                        .toString())
                .isEqualTo(expected);
        assertThat(StateMachineArn.parse("arn", PLAIN + ":prod")
                        .execution("build-7")
                        .toString())
                .isEqualTo(expected);
    }

    @Test
    void otherPartitionsAreUnderstood() {
        assertThat(StateMachineArn.parse("arn", "arn:aws-cn:states:cn-north-1:123456789012:stateMachine:x")
                        .partition())
                .isEqualTo("aws-cn");
        assertThat(StateMachineArn.parse("arn", "arn:aws-us-gov:states:us-gov-west-1:123456789012:stateMachine:x")
                        .partition())
                .isEqualTo("aws-us-gov");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "orders",
                "arn:aws:states:eu-west-1:1234:stateMachine:orders",
                "arn:aws:lambda:eu-west-1:123456789012:function:orders",
                "arn:aws:states:eu-west-1:123456789012:stateMachine:",
                "arn:aws:states:eu-west-1:123456789012:stateMachine:a:b:c"
            })
    void malformedStateMachineArnsAreRejected(String arn) {
        assertThatThrownBy(() -> StateMachineArn.parse("stateMachineArn", arn))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith(
                        "stateMachineArn: '" + arn + "' is not a state machine ARN; expected"
                                + " arn:<partition>:states:<region>:<12-digit account>:stateMachine:<name>[:<version or alias>]");
    }

    @Test
    void anExecutionArnGivenAsStateMachineArnIsPointedOut() {
        assertThatThrownBy(() -> StateMachineArn.parse(
                        "stateMachineArn", "arn:aws:states:eu-west-1:123456789012:execution:orders:build-7"))
                .hasMessageContaining("is not a state machine ARN (this is an execution ARN)");
    }

    @Test
    void standardExpressAndMapRunExecutionArnsAreUnderstood() {
        ExecutionArn standard =
                ExecutionArn.parse("executionArn", "arn:aws:states:eu-west-1:123456789012:execution:orders:build-7");
        ExecutionArn express = ExecutionArn.parse(
                "executionArn",
                "arn:aws:states:eu-west-1:123456789012:express:orders:build-7:0f9c3a2e-1111-2222-3333-444455556666");
        ExecutionArn mapRunChild = ExecutionArn.parse(
                "executionArn",
                "arn:aws:states:eu-west-1:123456789012:execution:orders/Each:0f9c3a2e-1111-2222-3333-444455556666");

        assertThat(standard.isExpress()).isFalse();
        assertThat(standard.name()).isEqualTo("build-7");
        assertThat(standard.stateMachine().toString()).isEqualTo(PLAIN);
        assertThat(express.isExpress()).isTrue();
        assertThat(express.name()).isEqualTo("build-7");
        assertThat(mapRunChild.stateMachineName()).isEqualTo("orders");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "build-7",
                "arn:aws:states:eu-west-1:123456789012:execution:orders",
                "arn:aws:states:eu-west-1:123456789012:express:orders:build-7",
                "arn:aws:states:eu-west-1:123456789012:execution:orders:build-7:extra"
            })
    void malformedExecutionArnsAreRejected(String arn) {
        assertThatThrownBy(() -> ExecutionArn.parse("executionArn", arn))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("executionArn: '" + arn + "' is not an execution ARN; expected");
    }

    @Test
    void aStateMachineArnGivenAsExecutionArnIsPointedOut() {
        assertThatThrownBy(() -> ExecutionArn.parse("executionArn", PLAIN))
                .hasMessageContaining("is not an execution ARN (this is a state machine ARN)");
    }

    @Test
    void consoleLinksFollowThePartition() {
        assertThat(ConsoleLinks.execution(
                        ExecutionArn.parse("a", "arn:aws:states:eu-west-1:123456789012:execution:orders:b7")))
                .contains("https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1"
                        + "#/v2/executions/details/arn:aws:states:eu-west-1:123456789012:execution:orders:b7");
        assertThat(ConsoleLinks.stateMachine(
                        StateMachineArn.parse("a", "arn:aws-cn:states:cn-north-1:123456789012:stateMachine:orders")))
                .contains("https://cn-north-1.console.amazonaws.cn/states/home?region=cn-north-1"
                        + "#/statemachines/view/arn:aws-cn:states:cn-north-1:123456789012:stateMachine:orders");
        assertThat(ConsoleLinks.execution(ExecutionArn.parse(
                        "a", "arn:aws-us-gov:states:us-gov-west-1:123456789012:execution:orders:b7")))
                .hasValueSatisfying(
                        link -> assertThat(link)
                                .startsWith(
                                        "https://console.amazonaws-us-gov.com/states/home?region=us-gov-west-1#/v2/executions/details/"));
        assertThat(ConsoleLinks.execution(
                        ExecutionArn.parse("a", "arn:aws-iso:states:us-iso-east-1:123456789012:execution:orders:b7")))
                .isEmpty();
    }

    @Test
    void expressExecutionsLinkToTheirStateMachine() {
        assertThat(ConsoleLinks.execution(
                        ExecutionArn.parse("a", "arn:aws:states:eu-west-1:123456789012:express:orders:b7:0f9c")))
                .contains("https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1#/statemachines/view/"
                        + PLAIN);
    }
}
