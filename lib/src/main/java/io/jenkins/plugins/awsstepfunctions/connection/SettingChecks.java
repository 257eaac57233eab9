package io.jenkins.plugins.awsstepfunctions.connection;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.regex.Pattern;

/** Validators for connection parameters, shared by the settings classes and the plugin's form checks. */
public final class SettingChecks {

    /** Lower-case words joined by hyphens, as every AWS region name is; new regions need no code change. */
    private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

    public static final Duration MIN_ROLE_DURATION = Duration.ofMinutes(15);
    public static final Duration MAX_ROLE_DURATION = Duration.ofHours(12);

    private SettingChecks() {}

    public static String region(String parameter, String value) {
        String region = required(parameter, value);
        if (region.length() > 64 || !REGION.matcher(region).matches()) {
            throw new InvalidSettingException(
                    parameter,
                    "'" + abbreviate(region) + "' is not a region name; use"
                            + " lower-case letters, digits and hyphens, such as us-east-1, eu-central-2 or cn-north-1");
        }
        return region;
    }

    /** An absolute http(s) URL with a host and without user info, query or fragment. */
    public static URI endpointUrl(String parameter, String value) {
        String text = required(parameter, value);
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(
                    parameter,
                    "'" + redactUserInfo(text) + "' is not a valid URL ("
                            + e.getReason() + "); use an absolute URL such as https://states.eu-west-1.amazonaws.com"
                            + " or http://127.0.0.1:4584");
        }
        String shown = redactUserInfo(text);
        if (uri.getScheme() == null
                || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
            throw new InvalidSettingException(parameter, "'" + shown + "' must start with http:// or https://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new InvalidSettingException(parameter, "'" + shown + "' has no host name");
        }
        port(parameter, uri);
        if (uri.getRawUserInfo() != null) {
            throw new InvalidSettingException(
                    parameter,
                    "'" + shown + "' must not contain a user name or password;"
                            + " credentials belong in a Jenkins credential");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidSettingException(
                    parameter, "'" + shown + "' must not have a query (?...) or fragment (#...)");
        }
        return uri;
    }

    public static String roleArn(String parameter, String value) {
        String arn = required(parameter, value);
        if (!ROLE_ARN.matcher(arn).matches()) {
            throw new InvalidSettingException(
                    parameter,
                    "'" + abbreviate(arn) + "' is not an IAM role ARN; expected"
                            + " arn:<partition>:iam::<12-digit account>:role/<name>, such as"
                            + " arn:aws:iam::123456789012:role/deployer");
        }
        return arn;
    }

    /** External ids are not secret in AWS's model, but they are never echoed here either. */
    public static String externalId(String parameter, String value) {
        String id = required(parameter, value);
        if (!EXTERNAL_ID.matcher(id).matches()) {
            throw new InvalidSettingException(
                    parameter,
                    "must be 2 to 1224 characters of letters, digits and" + " +=,.@:/-_ (the value given has "
                            + id.length() + " characters)");
        }
        return id;
    }

    public static String sessionName(String parameter, String value) {
        String name = required(parameter, value);
        if (!SESSION_NAME.matcher(name).matches()) {
            throw new InvalidSettingException(
                    parameter,
                    "'" + abbreviate(name) + "' is not a role session name;"
                            + " use 2 to 64 characters of letters, digits and +=,.@-_");
        }
        return name;
    }

    public static Duration roleDuration(String parameter, Duration value) {
        if (value == null) {
            throw new InvalidSettingException(parameter, "is required");
        }
        if (value.compareTo(MIN_ROLE_DURATION) < 0 || value.compareTo(MAX_ROLE_DURATION) > 0) {
            throw new InvalidSettingException(
                    parameter,
                    value.toSeconds() + " seconds is outside what AWS STS allows;"
                            + " use 900 to 43200 seconds (15 minutes to 12 hours, and at most the role's maximum session"
                            + " duration)");
        }
        return value;
    }

    static String required(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidSettingException(parameter, "is empty; give a value or leave the parameter out");
        }
        if (!value.equals(value.strip())) {
            throw new InvalidSettingException(parameter, "'" + abbreviate(value) + "' has leading or trailing spaces");
        }
        return value;
    }

    /** A URL's port, when it has one, is 1 to 65535. */
    static void port(String parameter, URI uri) {
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new InvalidSettingException(parameter, "has a port outside 1 to 65535");
        }
    }

    /**
     * The text of a URL with everything up to its last {@code @} replaced by {@code ***}: a password may hold
     * {@code / ? # @}, so no attempt is made to find where user info ends; a password never reaches a message.
     */
    public static String redactUserInfo(String url) {
        int scheme = url.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int at = url.lastIndexOf('@');
        if (at >= start) {
            return url.substring(0, start) + "***@" + url.substring(at + 1);
        }
        return url;
    }

    static String abbreviate(String value) {
        return value.length() <= 100 ? value : value.substring(0, 97) + "...";
    }
}
