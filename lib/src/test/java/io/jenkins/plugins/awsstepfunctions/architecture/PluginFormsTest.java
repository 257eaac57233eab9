package io.jenkins.plugins.awsstepfunctions.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Faults of the plugin's Jelly forms that no compiler sees and that a page only shows in the field: checked here so
 * that they fail {@code .ci/run}.
 */
class PluginFormsTest {

    private static final Path RESOURCES = Path.of("../plugin/src/main/resources");
    private static final Pattern VALIDATE_BUTTON = Pattern.compile("<f:validateButton\\b[^>]*\\bwith=\"([^\"]*)\"");
    private static final Pattern FIELD = Pattern.compile("\\bfield=\"([^\"]+)\"");
    private static final Pattern BUILD_VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Z_][A-Z0-9_]*)}");

    @Test
    void aValidateButtonSendsOnlyFieldsOfItsOwnForm() {
        List<String> faults = new ArrayList<>();
        for (Path file : jellyFiles()) {
            String jelly = read(file);
            Set<String> fields = new HashSet<>();
            FIELD.matcher(jelly).results().forEach(m -> fields.add(m.group(1)));
            Matcher button = VALIDATE_BUTTON.matcher(jelly);
            while (button.find()) {
                for (String name : button.group(1).split(",")) {
                    if (!fields.contains(name.strip())) {
                        // hudson-behavior.js looks further up the page for a missing field: another step's value.
                        faults.add(RESOURCES.relativize(file) + " sends " + name.strip() + ", not a field of its form");
                    }
                }
            }
        }
        assertThat(faults).isEmpty();
    }

    @Test
    void aBuildVariableInAFormIsWrittenLiterally() {
        List<String> faults = new ArrayList<>();
        for (Path file : jellyFiles()) {
            Matcher variable = BUILD_VARIABLE.matcher(read(file));
            while (variable.find()) {
                // Jelly evaluates ${SFN_EXECUTION_ARN} (to nothing); $${SFN_EXECUTION_ARN} is the text itself.
                faults.add(RESOURCES.relativize(file) + " evaluates ${" + variable.group(1) + "}; write $${"
                        + variable.group(1) + "} for the text");
            }
        }
        assertThat(faults).isEmpty();
    }

    @Test
    void theRulesSeeTheFaultsTheyDescribe() {
        String faulty = "<f:entry field=\"executionArn\"><f:textbox default=\"${SFN_EXECUTION_ARN}\"/></f:entry>"
                + "<f:validateButton method=\"testConnection\" with=\"executionArn,stateMachineArn\"/>";
        Matcher button = VALIDATE_BUTTON.matcher(faulty);
        assertThat(button.find()).isTrue();
        assertThat(button.group(1)).isEqualTo("executionArn,stateMachineArn");
        assertThat(FIELD.matcher(faulty).results().map(m -> m.group(1))).containsExactly("executionArn");
        assertThat(BUILD_VARIABLE.matcher(faulty).results().map(m -> m.group(1)))
                .containsExactly("SFN_EXECUTION_ARN");
        assertThat(BUILD_VARIABLE
                        .matcher("default=\"$${SFN_EXECUTION_ARN}\" title=\"${it.displayName}\"")
                        .find())
                .isFalse();
    }

    private static List<Path> jellyFiles() {
        try (Stream<Path> walk = Files.walk(RESOURCES)) {
            List<Path> files =
                    walk.filter(p -> p.toString().endsWith(".jelly")).sorted().toList();
            assertThat(files).as("the plugin's Jelly files").isNotEmpty();
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
