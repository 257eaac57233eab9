package io.jenkins.plugins.awsstepfunctions.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository would pass the jenkinsci hosting review: see {@link HostingRules} for the rules and their source. */
class HostingRulesTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> FILES = List.of(
            "pom.xml",
            "plugin/pom.xml",
            "lib/pom.xml",
            ".gitignore",
            "Jenkinsfile",
            "README.md",
            "LICENSE.md",
            ".github/CODEOWNERS",
            ".github/renovate.json",
            ".github/workflows/cd.yaml",
            ".github/workflows/jenkins-security-scan.yml",
            ".mvn/extensions.xml",
            ".mvn/maven.config");

    @Test
    void theRepositoryMeetsEveryRule() {
        assertThat(HostingRules.objectionsTo(REPOSITORY)).isEmpty();
    }

    @Test
    void aCopyWithTheFaultsTheCheckerReportsIsObjectedTo(@TempDir Path copy) throws IOException {
        for (String file : FILES) {
            Files.createDirectories(copy.resolve(file).getParent());
            Files.copy(REPOSITORY.resolve(file), copy.resolve(file));
        }
        assertThat(HostingRules.objectionsTo(copy)).as("an exact copy").isEmpty();

        edit(copy, "pom.xml", "<version>6.2221.va_045130417c9</version>", "<version>5.20</version>");
        edit(
                copy,
                "pom.xml",
                "<jenkins.baseline>2.555</jenkins.baseline>",
                "<jenkins.baseline>2.479</jenkins.baseline>");
        edit(copy, "pom.xml", "<ban-junit4-imports.skip>false<", "<ban-junit4-imports.skip>true<");
        edit(copy, "pom.xml", "</properties>", "<maven.compiler.release>17</maven.compiler.release></properties>");
        edit(
                copy,
                "plugin/pom.xml",
                "<artifactId>aws-java-sdk2-core</artifactId>",
                "<artifactId>aws-java-sdk2-core</artifactId><version>1</version>");
        edit(
                copy,
                "plugin/pom.xml",
                "<artifactId>aws-step-functions</artifactId>",
                "<artifactId>aws-step-functions-jenkins</artifactId>");
        edit(copy, "lib/pom.xml", "<version>${changelist}</version>", "<version>0.1.0-SNAPSHOT</version>");
        edit(copy, "Jenkinsfile", "jdk: 21", "jdk: 17");
        edit(copy, ".gitignore", "\nwork\n", "\n/work\n");
        edit(copy, ".mvn/maven.config", "-Dchangelist.format=%d.v%s", "");
        Files.delete(copy.resolve(".github/workflows/jenkins-security-scan.yml"));
        Files.createDirectories(copy.resolve("plugin/src/main/resources/x"));
        Files.writeString(
                copy.resolve("plugin/src/main/resources/x/config.jelly"),
                "<?jelly escape-by-default='true'?><j:jelly xmlns:j='jelly:core'><div style='color: red'"
                        + " onclick='go()'><script>go()</script></div></j:jelly>");
        Files.createDirectories(copy.resolve("plugin/src/test/java/x"));
        Files.writeString(copy.resolve("plugin/src/test/java/x/OldTest.java"), "package x;\nimport org.junit.Test;\n");

        assertThat(HostingRules.objectionsTo(copy))
                .containsExactlyInAnyOrder(
                        "pom.xml: the parent version 5.20 is below 6.2211.v27f680c93c53",
                        "pom.xml: jenkins.version 2.479.3 is below 2.541.3",
                        "pom.xml: the property maven.compiler.release must be removed (the parent sets the Java level)",
                        "pom.xml: the property ban-junit4-imports.skip must be false, is true",
                        "plugin/pom.xml: the artifactId aws-step-functions-jenkins must be aws-step-functions",
                        "plugin/pom.xml: the artifactId aws-step-functions-jenkins must be lower case, shorter than 37"
                                + " characters and free of \"jenkins\"",
                        "plugin/pom.xml: io.jenkins.plugins.aws-java-sdk2:aws-java-sdk2-core must take its version from"
                                + " the BOM",
                        "lib/pom.xml: the version must be ${changelist}, is 0.1.0-SNAPSHOT",
                        "Jenkinsfile: the configuration [platform: 'linux', jdk: 17] must use JDK 21 or 25",
                        ".gitignore: must list work",
                        ".mvn/maven.config: must contain -Dchangelist.format=%d.v%s",
                        ".github/workflows/jenkins-security-scan.yml or .github/workflows/jenkins-security-scan.yaml:"
                                + " missing",
                        "plugin/src/main/resources/x/config.jelly: inline <script>",
                        "plugin/src/main/resources/x/config.jelly: inline style attribute on <div>",
                        "plugin/src/main/resources/x/config.jelly: inline onclick attribute on <div>",
                        "plugin/src/test/java/x/OldTest.java: imports JUnit 4");
    }

    @Test
    void parentVersionsCompareByTheirReleaseNumber() {
        assertThat(HostingRules.compareParentVersions("6.2221.va_045130417c9", "6.2211.v27f680c93c53"))
                .isPositive();
        assertThat(HostingRules.compareParentVersions("6.2208.vb_6798604237e", "6.2211.v27f680c93c53"))
                .isNegative();
        assertThat(HostingRules.compareParentVersions("5.31", "6.2211.v27f680c93c53"))
                .isNegative();
        assertThat(HostingRules.compareDotted("2.555.3", "2.541.3")).isPositive();
        assertThat(HostingRules.compareDotted("2.541.10", "2.541.3")).isPositive();
    }

    private static void edit(Path copy, String file, String from, String to) throws IOException {
        String text = Files.readString(copy.resolve(file));
        assertThat(text).as(file).contains(from);
        Files.writeString(copy.resolve(file), text.replace(from, to));
    }
}
