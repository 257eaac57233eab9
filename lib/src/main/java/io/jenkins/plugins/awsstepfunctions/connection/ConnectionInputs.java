package io.jenkins.plugins.awsstepfunctions.connection;

import java.time.Duration;
import java.util.Map;

/**
 * Builds one layer of {@link ConnectionSettings} from form or step values, where a blank text means "not given":
 * that is how Jenkins forms and Pipeline steps hand optional parameters over.
 */
public final class ConnectionInputs {

    private ConnectionInputs() {}

    /**
     * @param verify {@code null} when not given
     * @param clientConfig {@code null} when not given; an empty map clears what is inherited
     * @throws InvalidSettingException naming the first parameter whose value cannot work
     */
    public static ConnectionSettings layer(
            String region,
            String endpointUrl,
            String roleArn,
            String roleExternalId,
            Boolean verify,
            String caBundlePem,
            Map<String, ?> clientConfig) {
        return ConnectionSettings.builder()
                .region(given(region))
                .endpointUrl(given(endpointUrl))
                .assumeRole(role(roleArn, roleExternalId, null))
                .verifyTls(verify)
                .caBundlePem(given(caBundlePem))
                .clientSettings(ClientSettings.fromMap("clientConfig", clientConfig))
                .build();
    }

    /** A role to assume, or {@code null} when no role ARN is given (an external id alone is refused). */
    public static AssumeRoleSettings role(String roleArn, String roleExternalId, Duration duration) {
        if (given(roleArn) == null) {
            if (given(roleExternalId) != null) {
                throw new InvalidSettingException(
                        "roleExternalId",
                        "is set but roleArn is not; an external id" + " belongs to the role it is required by");
            }
            return null;
        }
        return AssumeRoleSettings.builder()
                .roleArn(roleArn.strip())
                .externalId(given(roleExternalId))
                .duration(duration)
                .build();
    }

    static String given(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
