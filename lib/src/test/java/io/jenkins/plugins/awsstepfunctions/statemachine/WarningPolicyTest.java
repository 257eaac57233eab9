package io.jenkins.plugins.awsstepfunctions.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a validation's diagnostics do to the step, under each policy for warnings. */
class WarningPolicyTest {

    private static final Diagnostic ERROR =
            new Diagnostic("ERROR", "SCHEMA_VALIDATION_FAILED", "The field 'Next' is required", "/States/A");
    private static final Diagnostic WARNING =
            new Diagnostic("WARNING", "NO_DOLLAR", "Parameters without .$ are literal", "/States/B/Parameters");

    private static final Validation CLEAN = new Validation(true, List.of(), false);
    private static final Validation WARNED = new Validation(true, List.of(WARNING), false);
    private static final Validation FAILED = new Validation(false, List.of(ERROR, WARNING, ERROR), false);

    @Test
    void anErrorAlwaysFailsAndAWarningDoesWhatThePolicySays() {
        for (WarningPolicy policy : WarningPolicy.values()) {
            assertThat(policy.outcome(CLEAN)).as("%s", policy).isEqualTo(WarningPolicy.Outcome.PASSED);
            assertThat(policy.outcome(FAILED)).as("%s", policy).isEqualTo(WarningPolicy.Outcome.FAILED);
        }
        assertThat(WarningPolicy.FAIL.outcome(WARNED)).isEqualTo(WarningPolicy.Outcome.FAILED);
        assertThat(WarningPolicy.UNSTABLE.outcome(WARNED)).isEqualTo(WarningPolicy.Outcome.UNSTABLE);
        assertThat(WarningPolicy.IGNORE.outcome(WARNED)).isEqualTo(WarningPolicy.Outcome.PASSED);
        // The service's own verdict counts even if it listed no ERROR.
        assertThat(WarningPolicy.IGNORE.outcome(new Validation(false, List.of(), false)))
                .isEqualTo(WarningPolicy.Outcome.FAILED);
    }

    @Test
    void thePolicyIsReadInAnyCaseAndDefaultsToUnstable() {
        assertThat(WarningPolicy.parse(null)).isEqualTo(WarningPolicy.UNSTABLE);
        assertThat(WarningPolicy.parse(" ")).isEqualTo(WarningPolicy.UNSTABLE);
        assertThat(WarningPolicy.parse(" fail ")).isEqualTo(WarningPolicy.FAIL);
        assertThat(WarningPolicy.parse("Ignore")).isEqualTo(WarningPolicy.IGNORE);
        assertThatThrownBy(() -> WarningPolicy.parse("warn"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("warnings: must be FAIL, UNSTABLE or IGNORE, not 'warn'");
    }

    @Test
    void theExplanationNamesTheFileTheSummaryAndTheFirstDecidingDiagnostic() {
        assertThat(WarningPolicy.UNSTABLE.explanation("sm.asl.json", FAILED))
                .isEqualTo(
                        "sm.asl.json: The definition is not valid: 2 errors, 1 warnings: ERROR SCHEMA_VALIDATION_FAILED"
                                + " at /States/A: The field 'Next' is required (and 1 more above)");
        assertThat(WarningPolicy.FAIL.explanation(null, WARNED))
                .isEqualTo("The definition is valid: 0 errors, 1 warnings: WARNING NO_DOLLAR at /States/B/Parameters:"
                        + " Parameters without .$ are literal (warnings: FAIL)");
    }

    @Test
    void aFailedValidationWithoutAnErrorListedIsNotBlamedOnThePolicy() {
        Validation truncated = new Validation(false, List.of(WARNING), true);

        assertThat(WarningPolicy.IGNORE.explanation(null, truncated))
                .isEqualTo("The definition is not valid: 0 errors, 1 warnings (more were not returned): WARNING"
                        + " NO_DOLLAR at /States/B/Parameters: Parameters without .$ are literal");
    }

    @Test
    void theLogHasTheSummaryThenEveryDiagnostic() {
        assertThat(WarningPolicy.logLines("sm.asl.json", "EXPRESS", FAILED))
                .containsExactly(
                        "Validated sm.asl.json as a EXPRESS state machine: The definition is not valid: 2 errors, 1"
                                + " warnings",
                        ERROR.describe(),
                        WARNING.describe(),
                        ERROR.describe());
        assertThat(WarningPolicy.logLines(null, "STANDARD", CLEAN))
                .containsExactly("Validated the definition as a STANDARD state machine: The definition is valid: 0"
                        + " errors, 0 warnings");
    }
}
