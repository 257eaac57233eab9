package io.jenkins.plugins.awsstepfunctions.statemachine;

import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.connection.SettingChecks;
import io.jenkins.plugins.awsstepfunctions.execution.Names;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A state machine as code: its name, definition and configuration, whether to publish a version, and the alias to
 * point at versions (with weights, for a canary). Checked when built, before any call.
 */
public final class DeployRequest implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Step Functions' limit for a version's description. */
    public static final int MAX_VERSION_DESCRIPTION = 256;

    /** In {@link Builder#routing(Map)}: the version this deploy published (or found already published). */
    public static final String NEW_VERSION = "new";

    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Pattern VERSION =
            Pattern.compile("[1-9][0-9]{0,9}|arn:[^\\s]+:stateMachine:[^\\s]+:[1-9][0-9]*");
    private static final Pattern LOG_GROUP =
            Pattern.compile("arn:[^\\s:]+:logs:[^\\s:]+:\\d{12}:log-group:[^\\s]+:\\*");

    private final String name;
    private final String definition;
    private final String roleArn;
    private final String type;
    private final String loggingLevel;
    private final boolean includeExecutionData;
    private final String logGroupArn;
    private final boolean tracing;
    private final boolean publish;
    private final String versionDescription;
    private final String alias;
    /** A LinkedHashMap: kept across a restart by Pipeline's serialization, which the JDK's immutable maps resist. */
    private final LinkedHashMap<String, Integer> routing;

    private DeployRequest(Builder b) {
        if (b.name == null || b.name.isBlank()) {
            throw new InvalidSettingException("name", "is required: the state machine's name (1 to 80 characters)");
        }
        this.name = Names.executionName("name", b.name.strip());
        this.definition = b.definitionLater && b.definition == null ? null : Definitions.definition(b.definition);
        if (b.roleArn == null || b.roleArn.isBlank()) {
            throw new InvalidSettingException(
                    "roleArn", "is required: the IAM role the state machine's executions use");
        }
        this.roleArn = SettingChecks.roleArn("roleArn", b.roleArn.strip());
        this.type = Definitions.type(b.type);
        this.loggingLevel = level(b.loggingLevel);
        this.includeExecutionData = b.includeExecutionData;
        this.logGroupArn = b.logGroupArn == null || b.logGroupArn.isBlank() ? null : b.logGroupArn.strip();
        if (logGroupArn != null && !LOG_GROUP.matcher(logGroupArn).matches()) {
            throw new InvalidSettingException(
                    "logGroupArn",
                    "must be a log group ARN ending in :*, e.g. arn:aws:logs:eu-west-1:123456789012:log-group:/aws/states/orders:*");
        }
        if (!loggingLevel.equals("OFF") && logGroupArn == null) {
            throw new InvalidSettingException("logGroupArn", "is required with a logging level other than OFF");
        }
        this.tracing = b.tracing;
        this.publish = b.publish;
        this.versionDescription =
                b.versionDescription == null || b.versionDescription.isBlank() ? null : b.versionDescription.strip();
        if (versionDescription != null && versionDescription.length() > MAX_VERSION_DESCRIPTION) {
            throw new InvalidSettingException(
                    "versionDescription",
                    "has " + versionDescription.length() + " characters; at most 256 are allowed");
        }
        this.alias = b.alias == null || b.alias.isBlank() ? null : b.alias.strip();
        this.routing = routing(alias, b.routing, publish);
    }

    private DeployRequest(DeployRequest other, String definition) {
        this.name = other.name;
        this.definition = Definitions.definition(definition);
        this.roleArn = other.roleArn;
        this.type = other.type;
        this.loggingLevel = other.loggingLevel;
        this.includeExecutionData = other.includeExecutionData;
        this.logGroupArn = other.logGroupArn;
        this.tracing = other.tracing;
        this.publish = other.publish;
        this.versionDescription = other.versionDescription;
        this.alias = other.alias;
        this.routing = other.routing;
    }

    /**
     * This request with its definition, such as one read from a file once everything else was checked.
     *
     * @throws InvalidSettingException naming {@code definition}: blank or over 1 MiB
     */
    public DeployRequest withDefinition(String definition) {
        return new DeployRequest(this, definition);
    }

    private static String level(String level) {
        if (level == null || level.isBlank()) {
            return "OFF";
        }
        String upper = level.strip().toUpperCase(Locale.ROOT);
        if (!Map.of("OFF", 0, "ALL", 0, "ERROR", 0, "FATAL", 0).containsKey(upper)) {
            throw new InvalidSettingException("loggingLevel", "must be OFF, ALL, ERROR or FATAL");
        }
        return upper;
    }

    private static LinkedHashMap<String, Integer> routing(String alias, Map<String, Integer> routing, boolean publish) {
        if (alias == null) {
            if (routing != null && !routing.isEmpty()) {
                throw new InvalidSettingException("routing", "needs alias: the alias whose versions it weighs");
            }
            return new LinkedHashMap<>();
        }
        if (!ALIAS.matcher(alias).matches() || alias.chars().allMatch(Character::isDigit)) {
            throw new InvalidSettingException(
                    "alias", "must be 1 to 80 letters, digits, - or _, and not only digits (those name versions)");
        }
        LinkedHashMap<String, Integer> weights = new LinkedHashMap<>();
        if (routing == null || routing.isEmpty()) {
            weights.put(NEW_VERSION, 100);
        } else {
            routing.forEach(
                    (version, weight) -> weights.put(String.valueOf(version).strip(), weight));
        }
        if (weights.size() > 2) {
            throw new InvalidSettingException(
                    "routing", "names " + weights.size() + " versions; an alias routes to one or two");
        }
        int total = 0;
        for (Map.Entry<String, Integer> entry : weights.entrySet()) {
            String version = entry.getKey();
            if (!version.equals(NEW_VERSION) && !VERSION.matcher(version).matches()) {
                throw new InvalidSettingException(
                        "routing",
                        "'" + version
                                + "' is not a version: use 'new' (this deploy's), a version number or a version ARN");
            }
            Integer weight = entry.getValue();
            if (weight == null || weight < 0 || weight > 100) {
                throw new InvalidSettingException("routing", "the weight of '" + version + "' must be 0 to 100");
            }
            total += weight;
        }
        if (total != 100) {
            throw new InvalidSettingException("routing", "weights add up to " + total + "; they must add up to 100");
        }
        if (weights.containsKey(NEW_VERSION) && !publish) {
            throw new InvalidSettingException(
                    "alias", "routes to this deploy's version ('new'), so publish: true is needed");
        }
        return weights;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The build log's line before the deploy, e.g. {@code Deploying the STANDARD state machine 'release' in
     * eu-west-1 from state-machines/release.asl.json}.
     *
     * @param region where it is deployed; {@code null} for the SDK's default region
     * @param definitionFile where the definition came from; {@code null} when given as text
     */
    public String describe(String region, String definitionFile) {
        return "Deploying the " + type + " state machine '" + name + "' "
                + (region == null ? "in the SDK's default region" : "in " + region)
                + (definitionFile == null ? "" : " from " + definitionFile);
    }

    public String name() {
        return name;
    }

    /** {@code null} only for a request built with {@link Builder#definitionLater()} and not yet given it. */
    public String definition() {
        return definition;
    }

    public String roleArn() {
        return roleArn;
    }

    public String type() {
        return type;
    }

    public String loggingLevel() {
        return loggingLevel;
    }

    public boolean includeExecutionData() {
        return includeExecutionData;
    }

    public Optional<String> logGroupArn() {
        return Optional.ofNullable(logGroupArn);
    }

    public boolean tracing() {
        return tracing;
    }

    public boolean publish() {
        return publish;
    }

    /**
     * A published version's description when none is given: what ran the deploy and its address, such as
     * {@code Jenkins team » release #42 https://jenkins.example.com/job/team/job/release/42/}; the name alone when
     * there is no address or the whole is too long, cut at 256 characters (never inside a character).
     */
    public static String defaultVersionDescription(String name, String url) {
        String withUrl = url == null ? name : name + " " + url;
        if (withUrl.length() <= MAX_VERSION_DESCRIPTION) {
            return withUrl;
        }
        if (name.length() <= MAX_VERSION_DESCRIPTION) {
            return name;
        }
        int end = MAX_VERSION_DESCRIPTION;
        if (Character.isHighSurrogate(name.charAt(end - 1))) {
            end--;
        }
        return name.substring(0, end);
    }

    public Optional<String> versionDescription() {
        return Optional.ofNullable(versionDescription);
    }

    public Optional<String> alias() {
        return Optional.ofNullable(alias);
    }

    /** Version ('new', a number or an ARN) to weight, adding up to 100; empty without an alias. */
    public Map<String, Integer> routing() {
        return Collections.unmodifiableMap(routing);
    }

    public static final class Builder {
        private String name;
        private String definition;
        private boolean definitionLater;
        private String roleArn;
        private String type;
        private String loggingLevel;
        private boolean includeExecutionData;
        private String logGroupArn;
        private boolean tracing;
        private boolean publish;
        private String versionDescription;
        private String alias;
        private Map<String, Integer> routing;

        private Builder() {}

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * The definition is given later, with {@link DeployRequest#withDefinition}: everything else is checked now,
         * before a file is read.
         */
        public Builder definitionLater() {
            this.definitionLater = true;
            return this;
        }

        public Builder definition(String definition) {
            this.definition = definition;
            return this;
        }

        public Builder roleArn(String roleArn) {
            this.roleArn = roleArn;
            return this;
        }

        public Builder type(String type) {
            this.type = type;
            return this;
        }

        /** OFF (the default), ALL, ERROR or FATAL, to {@code logGroupArn}. */
        public Builder logging(String level, boolean includeExecutionData, String logGroupArn) {
            this.loggingLevel = level;
            this.includeExecutionData = includeExecutionData;
            this.logGroupArn = logGroupArn;
            return this;
        }

        public Builder tracing(boolean tracing) {
            this.tracing = tracing;
            return this;
        }

        public Builder publish(boolean publish, String versionDescription) {
            this.publish = publish;
            this.versionDescription = versionDescription;
            return this;
        }

        public Builder alias(String alias, Map<String, Integer> routing) {
            this.alias = alias;
            this.routing = routing;
            return this;
        }

        public DeployRequest build() {
            return new DeployRequest(this);
        }
    }
}
