package io.jenkins.plugins.awsstepfunctions.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The jenkinsci hosting checker's rules (jenkins-infra/repository-permissions-updater, {@code hosting/MavenVerifier},
 * {@code RequiredFilesVerifier}, {@code JellyVerifier}, {@code Requirements} at b229e920), applied to a repository.
 *
 * <p>The checker reads only the root pom, which for a plugin of one module is the plugin. Here the root pom is the
 * parent of the hpi module, as in jenkinsci/aws-java-sdk2-plugin: the rules about the plugin's identity (artifactId,
 * url, packaging) apply to the hpi module's pom, everything else to the root pom. The checker's Jelly rules read
 * {@code src/main/resources}; here they read every module's, and also refuse inline {@code style} attributes.
 */
final class HostingRules {

    static final String REPOSITORY = "aws-step-functions-plugin";
    static final String LOWEST_PARENT = "6.2211.v27f680c93c53";
    static final String LOWEST_JENKINS = "2.541.3";
    static final Set<Integer> ALLOWED_JDKS = Set.of(21, 25);
    static final List<String> MODULES_WITH_JELLY = List.of("plugin");

    private static final Map<String, String> REQUIRED_PROPERTIES = Map.of(
            "hpi.strictBundledArtifacts", "true",
            "ban-commons-lang-2.skip", "false",
            "ban-deprecated-stapler.skip", "false",
            "ban-junit4-imports.skip", "false",
            "banObsoleteDependencyOverrides.skip", "false",
            "spotless.check.skip", "false",
            "changelist", "999999-SNAPSHOT");
    private static final List<String> FORBIDDEN_ROOT_PROPERTIES =
            List.of("java.level", "maven.compiler.source", "maven.compiler.target", "maven.compiler.release");
    private static final Pattern JUNIT4_IMPORT =
            Pattern.compile("(?m)^\\s*import\\s+(static\\s+)?(junit\\.|org\\.junit\\.(?!jupiter\\.|platform\\.))");
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private final Path root;
    private final List<String> objections = new ArrayList<>();

    private HostingRules(Path root) {
        this.root = root;
    }

    /** Every rule the repository at {@code root} breaks, one sentence each; empty when it would be hosted. */
    static List<String> objectionsTo(Path root) {
        HostingRules rules = new HostingRules(root);
        rules.checkRootPom();
        rules.checkPluginPom();
        rules.checkLibPom();
        rules.checkRequiredFiles();
        rules.checkJenkinsfile();
        rules.checkNoJUnit4();
        rules.checkJelly();
        return List.copyOf(rules.objections);
    }

    private void checkRootPom() {
        Element pom = read("pom.xml");
        Map<String, String> properties = properties(pom);
        Element parent = child(pom, "parent");
        if (parent == null || !"org.jenkins-ci.plugins".equals(text(parent, "groupId"))) {
            object("pom.xml: the parent must be org.jenkins-ci.plugins:plugin");
        } else if (compareParentVersions(text(parent, "version"), LOWEST_PARENT) < 0) {
            object("pom.xml: the parent version " + text(parent, "version") + " is below " + LOWEST_PARENT);
        }
        String baseline = properties.get("jenkins.baseline");
        if (baseline == null) {
            object("pom.xml: the property jenkins.baseline is missing");
        }
        String jenkinsVersion = resolve(properties.get("jenkins.version"), properties);
        if (jenkinsVersion == null || compareDotted(jenkinsVersion, LOWEST_JENKINS) < 0) {
            object("pom.xml: jenkins.version " + jenkinsVersion + " is below " + LOWEST_JENKINS);
        }
        checkBom(pom, properties, baseline);
        if (!"io.jenkins.plugins".equals(text(pom, "groupId"))) {
            object("pom.xml: the groupId must be io.jenkins.plugins");
        }
        checkName("pom.xml", pom);
        if (child(pom, "licenses") == null || child(child(pom, "licenses"), "license") == null) {
            object("pom.xml: a license must be declared");
        }
        if (child(pom, "developers") != null) {
            object("pom.xml: the developers element must be removed");
        }
        checkScm("pom.xml", pom);
        checkRepositories(pom);
        for (String forbidden : FORBIDDEN_ROOT_PROPERTIES) {
            if (properties.containsKey(forbidden)) {
                object("pom.xml: the property " + forbidden + " must be removed (the parent sets the Java level)");
            }
        }
        REQUIRED_PROPERTIES.forEach((name, value) -> {
            if (!value.equals(properties.get(name))) {
                object("pom.xml: the property " + name + " must be " + value + ", is " + properties.get(name));
            }
        });
        checkChangelistVersion("pom.xml", text(pom, "version"));
        checkUrl("pom.xml", pom, properties);
    }

    private void checkPluginPom() {
        Element pom = read("plugin/pom.xml");
        Map<String, String> properties = properties(read("pom.xml"));
        properties.putAll(properties(pom));
        String artifactId = text(pom, "artifactId");
        String expected = REPOSITORY.replace("-plugin", "");
        if (!expected.equals(artifactId)) {
            object("plugin/pom.xml: the artifactId " + artifactId + " must be " + expected);
        }
        if (artifactId != null
                && (artifactId.length() >= 37
                        || artifactId.toLowerCase().contains("jenkins")
                        || !artifactId.equals(artifactId.toLowerCase())
                        || ("io.jenkins.plugins".length() + artifactId.length()) >= 100)) {
            object("plugin/pom.xml: the artifactId " + artifactId
                    + " must be lower case, shorter than 37 characters and free of \"jenkins\"");
        }
        if (!"hpi".equals(text(pom, "packaging"))) {
            object("plugin/pom.xml: the packaging must be hpi");
        }
        Element parent = child(pom, "parent");
        if (parent == null || !"aws-step-functions-parent".equals(text(parent, "artifactId"))) {
            object("plugin/pom.xml: the parent must be the root pom");
        } else {
            checkChangelistVersion("plugin/pom.xml's parent", text(parent, "version"));
        }
        if (text(pom, "version") != null) {
            object("plugin/pom.xml: the version must come from the parent");
        }
        checkName("plugin/pom.xml", pom);
        checkUrl("plugin/pom.xml", pom, properties);
        Element dependencies = child(pom, "dependencies");
        for (Element dependency : children(dependencies, "dependency")) {
            String groupId = text(dependency, "groupId");
            boolean managedByTheBom = groupId.startsWith("org.jenkins-ci.")
                    || groupId.startsWith("io.jenkins.") && !groupId.equals("${project.groupId}");
            if (managedByTheBom && text(dependency, "version") != null) {
                object("plugin/pom.xml: " + groupId + ":" + text(dependency, "artifactId")
                        + " must take its version from the BOM");
            }
        }
    }

    private void checkLibPom() {
        Element pom = read("lib/pom.xml");
        checkChangelistVersion("lib/pom.xml", text(pom, "version"));
        if (!"999999-SNAPSHOT".equals(properties(pom).get("changelist"))) {
            object("lib/pom.xml: the property changelist must be 999999-SNAPSHOT");
        }
        if (!"io.jenkins.plugins".equals(text(pom, "groupId"))) {
            object("lib/pom.xml: the groupId must be io.jenkins.plugins, like the plugin it is published beside");
        }
    }

    private void checkBom(Element pom, Map<String, String> properties, String baseline) {
        Element management = child(pom, "dependencyManagement");
        Element bom = null;
        for (Element dependency : children(child(management, "dependencies"), "dependency")) {
            if ("io.jenkins.tools.bom".equals(text(dependency, "groupId"))) {
                bom = dependency;
            }
        }
        if (bom == null) {
            object("pom.xml: the Jenkins BOM must be imported");
        } else if (!("bom-" + baseline + ".x").equals(resolve(text(bom, "artifactId"), properties))) {
            object("pom.xml: the BOM must be bom-${jenkins.baseline}.x, is " + text(bom, "artifactId"));
        }
    }

    private void checkName(String file, Element pom) {
        String name = text(pom, "name");
        if (name == null || name.toLowerCase().contains("jenkins")) {
            object(file + ": the name must be present and must not contain \"Jenkins\"");
        }
    }

    private void checkScm(String file, Element pom) {
        Element scm = child(pom, "scm");
        if (scm == null) {
            object(file + ": the scm element is missing");
            return;
        }
        String connection = text(scm, "connection");
        if (connection == null || connection.startsWith("scm:git:git:") || connection.startsWith("scm:git:http:")) {
            object(file + ": the scm connection must be an https or ssh URL");
        }
        for (String element : List.of("url", "developerConnection", "tag")) {
            if (text(scm, element) == null) {
                object(file + ": scm/" + element + " is missing");
            }
        }
    }

    private void checkRepositories(Element pom) {
        for (String kind : List.of("repositories/repository", "pluginRepositories/pluginRepository")) {
            String[] path = kind.split("/");
            for (Element repository : children(child(pom, path[0]), path[1])) {
                String url = text(repository, "url");
                if (url != null && url.contains("repo.jenkins-ci.org") && !url.startsWith("https://")) {
                    object("pom.xml: " + url + " must use https");
                }
            }
        }
    }

    private void checkChangelistVersion(String where, String version) {
        if (version == null || !version.contains("${changelist}") || version.contains("${revision}${changelist}")) {
            object(where + ": the version must be ${changelist}, is " + version);
        }
    }

    private void checkUrl(String file, Element pom, Map<String, String> properties) {
        String url = resolve(text(pom, "url"), properties);
        String expected = "https://github.com/jenkinsci/" + REPOSITORY;
        if (!expected.equals(url)) {
            object(file + ": the url must be " + expected + ", is " + url);
        }
    }

    private void checkRequiredFiles() {
        List<String> gitignore = lines(".gitignore");
        if (gitignore.stream()
                .noneMatch(l -> Set.of("target", "target/", "/target/").contains(l.strip()))) {
            object(".gitignore: must list target");
        }
        if (gitignore.stream().noneMatch(l -> Set.of("work", "work/", "/work/").contains(l.strip()))) {
            object(".gitignore: must list work");
        }
        requireOneOf(".github/workflows/jenkins-security-scan.yml", ".github/workflows/jenkins-security-scan.yaml");
        requireOneOf(".github/workflows/cd.yaml", ".github/workflows/cd.yml");
        requireOneOf(
                ".github/dependabot.yml",
                ".github/dependabot.yaml",
                "renovate.json",
                ".github/renovate.json",
                ".github/workflows/updatecli.yml",
                ".github/workflows/updatecli.yaml");
        requireOneOf("README.md");
        requireOneOf("LICENSE.md", "LICENSE");
        if (!lines(".github/CODEOWNERS").contains("* @jenkinsci/" + REPOSITORY + "-developers")) {
            object(".github/CODEOWNERS: must contain \"* @jenkinsci/" + REPOSITORY + "-developers\"");
        }
        if (!exists(".mvn/extensions.xml")
                || !readString(".mvn/extensions.xml").contains("git-changelist-maven-extension")) {
            object(".mvn/extensions.xml: must load git-changelist-maven-extension");
        }
        if (!lines(".mvn/maven.config").contains("-Dchangelist.format=%d.v%s")) {
            object(".mvn/maven.config: must contain -Dchangelist.format=%d.v%s");
        }
        for (String drafter : List.of(
                ".github/release-drafter.yml",
                ".github/release-drafter.yaml",
                ".github/workflows/release-drafter.yml",
                ".github/workflows/release-drafter.yaml")) {
            if (exists(drafter)) {
                object(drafter + ": must be removed, continuous delivery drafts the release notes");
            }
        }
    }

    private void checkJenkinsfile() {
        if (!exists("Jenkinsfile")) {
            object("Jenkinsfile: missing");
            return;
        }
        String jenkinsfile = readString("Jenkinsfile")
                .replaceAll("(?s)/\\*.*?\\*/", "")
                .replaceAll("(?m)//.*$", "")
                .strip();
        if (!jenkinsfile.startsWith("buildPlugin(") || !jenkinsfile.endsWith(")")) {
            object("Jenkinsfile: must be a single buildPlugin(...) call");
        }
        Matcher entries = Pattern.compile("\\[([^\\[\\]]*platform[^\\[\\]]*)]").matcher(jenkinsfile);
        int configurations = 0;
        while (entries.find()) {
            configurations++;
            Matcher jdk = Pattern.compile("jdk\\s*:\\s*(\\d+)\\s*(,|$)")
                    .matcher(entries.group(1).strip());
            if (!jdk.find() || !ALLOWED_JDKS.contains(Integer.parseInt(jdk.group(1)))) {
                object("Jenkinsfile: the configuration [" + entries.group(1).strip() + "] must use JDK 21 or 25");
            }
        }
        if (configurations == 0 || !jenkinsfile.contains("configurations")) {
            object("Jenkinsfile: must list configurations with a platform and a jdk");
        }
    }

    private void checkNoJUnit4() {
        for (Path file : files(".java")) {
            if (JUNIT4_IMPORT
                    .matcher(readString(root.relativize(file).toString()))
                    .find()) {
                object(root.relativize(file) + ": imports JUnit 4");
            }
        }
    }

    private void checkJelly() {
        for (String module : MODULES_WITH_JELLY) {
            Path resources = root.resolve(module).resolve("src/main/resources");
            for (Path file : files(resources, ".jelly")) {
                Element jelly = read(root.relativize(file).toString());
                checkJellyElement(root.relativize(file).toString(), jelly);
            }
        }
    }

    private void checkJellyElement(String file, Element element) {
        String name = element.getLocalName() == null ? element.getTagName() : element.getLocalName();
        if ("style".equals(name)) {
            object(file + ": inline <style>");
        }
        if ("script".equals(name)
                && element.getAttribute("src").isEmpty()
                && !"application/json".equals(element.getAttribute("type"))) {
            object(file + ": inline <script>");
        }
        if (element.hasAttribute("checkUrl") && !element.hasAttribute("checkDependsOn")) {
            object(file + ": checkUrl without checkDependsOn on <" + element.getTagName() + ">");
        }
        for (int i = 0; i < element.getAttributes().getLength(); i++) {
            String attribute = element.getAttributes().item(i).getNodeName();
            if (attribute.toLowerCase().startsWith("on") || attribute.equalsIgnoreCase("style")) {
                object(file + ": inline " + attribute + " attribute on <" + element.getTagName() + ">");
            }
        }
        for (Element child : children(element, null)) {
            checkJellyElement(file, child);
        }
    }

    private void requireOneOf(String... paths) {
        if (Stream.of(paths).noneMatch(this::exists)) {
            object(String.join(" or ", paths) + ": missing");
        }
    }

    /** Versions like 6.2221.va_045130417c9: the major, then the release number. */
    static int compareParentVersions(String version, String floor) {
        Matcher a = Pattern.compile("^(\\d+)\\.(\\d+)").matcher(version == null ? "" : version);
        Matcher b = Pattern.compile("^(\\d+)\\.(\\d+)").matcher(floor);
        if (!a.find() || !b.find()) {
            return -1;
        }
        int major = Integer.compare(Integer.parseInt(a.group(1)), Integer.parseInt(b.group(1)));
        return major != 0 ? major : Integer.compare(Integer.parseInt(a.group(2)), Integer.parseInt(b.group(2)));
    }

    static int compareDotted(String version, String floor) {
        String[] a = version.split("\\.");
        String[] b = floor.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length && a[i].matches("\\d+") ? Integer.parseInt(a[i]) : 0;
            int y = i < b.length ? Integer.parseInt(b[i]) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    private static String resolve(String value, Map<String, String> properties) {
        if (value == null) {
            return null;
        }
        String resolved = value;
        for (int depth = 0; depth < 10 && resolved.contains("${"); depth++) {
            Matcher matcher = PROPERTY.matcher(resolved);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String replacement = properties.getOrDefault(matcher.group(1), matcher.group(0));
                matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            matcher.appendTail(out);
            resolved = out.toString();
        }
        return resolved;
    }

    private static Map<String, String> properties(Element pom) {
        Map<String, String> properties = new HashMap<>();
        for (Element property : children(child(pom, "properties"), null)) {
            properties.put(property.getTagName(), property.getTextContent().strip());
        }
        return properties;
    }

    private Element read(String relative) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document =
                    factory.newDocumentBuilder().parse(root.resolve(relative).toFile());
            return document.getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException(relative + " cannot be read as XML: " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && (name == null || name.equals(element.getTagName()))) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? null : element.getTextContent().strip();
    }

    private boolean exists(String relative) {
        return Files.isRegularFile(root.resolve(relative));
    }

    private List<String> lines(String relative) {
        return exists(relative) ? List.of(readString(relative).split("\\R")) : List.of();
    }

    private String readString(String relative) {
        try {
            return Files.readString(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Path> files(String suffix) {
        List<Path> found = new ArrayList<>();
        for (String module : List.of("lib", "plugin")) {
            found.addAll(files(root.resolve(module).resolve("src"), suffix));
        }
        return found;
    }

    private static List<Path> files(Path directory, String suffix) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void object(String objection) {
        objections.add(objection);
    }
}
