package io.jenkins.plugins.awsstepfunctions.variables;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionInput;
import io.jenkins.plugins.awsstepfunctions.execution.Names;
import io.jenkins.plugins.awsstepfunctions.execution.StateMachineArn;
import io.jenkins.plugins.awsstepfunctions.variables.DeferredCheck.Kind;
import io.jenkins.plugins.awsstepfunctions.variables.DeferredCheck.Verdict;
import io.jenkins.plugins.awsstepfunctions.variables.DeferredCheck.Verdict.Level;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Freestyle form checks of values the build expands: the documented ${SFN_EXECUTION_ARN} is not an error. */
class DeferredCheckTest {

    private static final Consumer<String> EXECUTION_ARN = value -> ExecutionArn.parse("executionArn", value);
    private static final Consumer<String> STATE_MACHINE_ARN = value -> StateMachineArn.parse("stateMachineArn", value);
    private static final Consumer<String> NAME = value -> Names.executionName("name", value);
    private static final Consumer<String> INPUT = value -> ExecutionInput.ofJson("input", value);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "${SFN_EXECUTION_ARN}",
                "$SFN_EXECUTION_ARN",
                "arn:aws:states:us-east-1:123456789012:execution:orders:${NAME}",
                "arn:aws:states:${AWS_REGION}:${ACCOUNT}:execution:orders:build-${BUILD_NUMBER}",
                "ar${REST}"
            })
    void anExecutionArnWithVariablesIsAcceptedAndSaysTheBuildChecksIt(String value) {
        Verdict verdict = DeferredCheck.check("executionArn", value, Kind.ARN, EXECUTION_ARN);

        assertThat(verdict.level()).isEqualTo(Level.OK);
        assertThat(verdict.message()).startsWith("Uses $").contains("the build expands", "then checks the value");
    }

    @Test
    void theVerdictNamesEveryVariable() {
        assertThat(DeferredCheck.check(
                                "stateMachineArn",
                                "arn:aws:states:${AWS_REGION}:$ACCOUNT:stateMachine:x",
                                Kind.ARN,
                                STATE_MACHINE_ARN)
                        .message())
                .isEqualTo("Uses ${AWS_REGION}, $ACCOUNT: the build expands them, then checks the value");
    }

    @Test
    void aValueWithoutVariablesIsCheckedWhole() {
        assertThat(DeferredCheck.check(
                        "executionArn", "arn:aws:states:us-east-1:123456789012:execution:o:n", Kind.ARN, EXECUTION_ARN))
                .isEqualTo(new Verdict(Level.OK, null));
        Verdict wrong = DeferredCheck.check(
                "executionArn", "arn:aws:states:us-east-1:1234:execution:o:n", Kind.ARN, EXECUTION_ARN);
        assertThat(wrong.level()).isEqualTo(Level.ERROR);
        assertThat(wrong.message())
                .startsWith("executionArn: 'arn:aws:states:us-east-1:1234:execution:o:n' is not an" + " execution ARN");
    }

    @Test
    void aLiteralThatCannotBeginAnArnIsAnErrorEvenWithVariables() {
        Verdict verdict = DeferredCheck.check("executionArn", "arm:aws:states:${REST}", Kind.ARN, EXECUTION_ARN);

        assertThat(verdict.level()).isEqualTo(Level.ERROR);
        assertThat(verdict.message())
                .isEqualTo("executionArn: 'arm:aws:states:' cannot begin an ARN; an ARN starts"
                        + " with arn: (or with a variable that holds it all, such as ${SFN_EXECUTION_ARN})");
    }

    @Test
    void whiteSpaceOutsideTheVariablesIsAnError() {
        Verdict verdict = DeferredCheck.check("executionArn", "${SFN_EXECUTION_ARN} x", Kind.ARN, EXECUTION_ARN);

        assertThat(verdict.level()).isEqualTo(Level.ERROR);
        assertThat(verdict.message()).isEqualTo("executionArn: contains white space outside its variables; remove it");
    }

    @Test
    void anUnclosedBraceIsAnErrorThatSaysHowToWriteAVariable() {
        Verdict verdict = DeferredCheck.check("executionArn", "${SFN_EXECUTION_ARN", Kind.ARN, EXECUTION_ARN);

        assertThat(verdict.level()).isEqualTo(Level.ERROR);
        assertThat(verdict.message())
                .isEqualTo("executionArn: '${' at position 1 has no closing '}'; write ${NAME} to"
                        + " use the build variable NAME, or $$ for a '$'");
    }

    @Test
    void aNameWithVariablesIsCheckedInItsLiteralParts() {
        assertThat(DeferredCheck.check("name", "build-${BUILD_NUMBER}", Kind.NAME, NAME)
                        .level())
                .isEqualTo(Level.OK);

        Verdict forbidden = DeferredCheck.check("name", "build #${BUILD_NUMBER}", Kind.NAME, NAME);
        assertThat(forbidden.level()).isEqualTo(Level.ERROR);
        assertThat(forbidden.message()).startsWith("name: 'build #' contains white space");

        Verdict tooLong = DeferredCheck.check("name", "n".repeat(81) + "$X", Kind.NAME, NAME);
        assertThat(tooLong.level()).isEqualTo(Level.ERROR);
        assertThat(tooLong.message()).isEqualTo("name: has 81 characters; at most 80 are allowed");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"{\"version\": \"${BUILD_NUMBER}\"}", "{\"build\": ${BUILD_NUMBER}}", "${INPUT_JSON}", "[$A, $B]"
            })
    void inputWithVariablesThatStandForJsonValuesIsAccepted(String value) {
        assertThat(DeferredCheck.check("input", value, Kind.JSON, INPUT).level())
                .isEqualTo(Level.OK);
    }

    @Test
    void inputThatCannotBeJsonWhateverItsVariablesHoldIsAWarningNotAnError() {
        Verdict verdict = DeferredCheck.check("input", "{${KEY_AND_VALUE}}", Kind.JSON, INPUT);

        assertThat(verdict.level()).isEqualTo(Level.WARNING);
        assertThat(verdict.message())
                .isEqualTo("input: is not JSON as long as ${KEY_AND_VALUE} stand for JSON values;"
                        + " check that it is once the build expands them");
    }

    @Test
    void inputWithoutVariablesMustBeJson() {
        Verdict verdict = DeferredCheck.check("input", "{not json", Kind.JSON, INPUT);

        assertThat(verdict.level()).isEqualTo(Level.ERROR);
        assertThat(verdict.message()).startsWith("input: ");
    }

    @Test
    void aDoubledDollarIsALiteralDollarNotAVariable() {
        Verdict verdict = DeferredCheck.check("name", "cost$$", Kind.NAME, NAME);

        assertThat(verdict.level()).isEqualTo(Level.ERROR);
        assertThat(verdict.message()).contains("'$'");
    }

    @Test
    void textWithAVariableIsAcceptedAndTextWithSpaceIsNot() {
        Consumer<String> region = value -> {
            throw new AssertionError("not called for a value with variables");
        };
        assertThat(DeferredCheck.check("region", "${AWS_REGION}", Kind.TEXT, region)
                        .level())
                .isEqualTo(Level.OK);
        assertThat(DeferredCheck.check("endpointUrl", "https://${HOST}/ x", Kind.TEXT, region)
                        .level())
                .isEqualTo(Level.ERROR);
    }
}
