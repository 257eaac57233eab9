package io.jenkins.plugins.awsstepfunctions.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** lib must build and run without Jenkins: no source file of it may import a Jenkins type. */
class LibStaysJenkinsFreeTest {

    private static final Pattern JENKINS_IMPORT = Pattern.compile(
            "(?m)^\\s*import\\s+(static\\s+)?(hudson|jenkins|org\\.kohsuke|org\\.jenkinsci|com\\.cloudbees)\\.");

    @Test
    void noMainSourceImportsJenkins() throws IOException {
        Path sources = Path.of("src/main/java");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(files).as("lib's main sources").isNotEmpty();

        List<Path> offenders =
                files.stream().filter(LibStaysJenkinsFreeTest::importsJenkins).toList();

        assertThat(offenders)
                .as("files importing hudson.*, jenkins.*, org.kohsuke.*, org.jenkinsci.* or" + " com.cloudbees.*")
                .isEmpty();
    }

    private static boolean importsJenkins(Path file) {
        try {
            return JENKINS_IMPORT.matcher(Files.readString(file)).find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
