package io.jenkins.plugins.awsstepfunctions.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Documentation cannot drift from tested code: every Groovy block in README.md and docs/ must be an excerpt of an
 * example Pipeline under docs/examples/, and the plugin's tests run every one of those files against moto.
 */
class DocsExamplesTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern GROOVY_BLOCK = Pattern.compile("```groovy\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyGroovyBlockInTheDocsIsAnExcerptOfATestedExample() throws IOException {
        List<List<String>> examples = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("docs/examples"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".groovy")).toList()) {
                examples.add(normalised(Files.readString(file)));
            }
        }
        assertThat(examples).as("example Pipelines").isNotEmpty();

        List<String> untested = new ArrayList<>();
        int blocks = 0;
        for (Path page : markdownPages()) {
            Matcher block = GROOVY_BLOCK.matcher(Files.readString(page));
            while (block.find()) {
                blocks++;
                List<String> lines = normalised(block.group(1));
                if (examples.stream().noneMatch(example -> Collections.indexOfSubList(example, lines) >= 0)) {
                    untested.add(
                            page + ": " + block.group(1).lines().findFirst().orElse(""));
                }
            }
        }

        assertThat(blocks).as("Groovy blocks found").isPositive();
        assertThat(untested)
                .as("Groovy blocks that no file of docs/examples contains")
                .isEmpty();
    }

    /** Run by a test of the plugin's Pipeline steps (PipelineStepsTest, or the test class of the steps it shows). */
    @Test
    void everyExampleIsRunByThePluginsTests() throws IOException {
        StringBuilder tests = new StringBuilder();
        try (Stream<Path> classes =
                Files.list(ROOT.resolve("plugin/src/test/java/io/jenkins/plugins/awsstepfunctions/steps"))) {
            for (Path test :
                    classes.filter(p -> p.toString().endsWith("Test.java")).toList()) {
                tests.append(Files.readString(test));
            }
        }
        try (Stream<Path> files = Files.list(ROOT.resolve("docs/examples"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".groovy")).toList()) {
                String name = file.getFileName().toString().replace(".groovy", "");
                assertThat(tests.toString())
                        .as("a test of plugin/src/test/java/.../steps runs docs/examples/%s.groovy", name)
                        .contains("example(\"" + name + "\"");
            }
        }
    }

    private static List<Path> markdownPages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        return pages;
    }

    /** Lines without indentation, blank lines or whole-line comments. */
    private static List<String> normalised(String text) {
        return text.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("//"))
                .toList();
    }
}
