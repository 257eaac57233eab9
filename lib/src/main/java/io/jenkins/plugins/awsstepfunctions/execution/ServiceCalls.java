package io.jenkins.plugins.awsstepfunctions.execution;

import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * How every Step Functions call is made: a service error becomes a {@link StepFunctionsException} that names the
 * operation, its subject and what to check ({@link ServiceErrors}), and an assumed role's expired session is renewed
 * once.
 */
public final class ServiceCalls {

    private static final Set<String> EXPIRED_SESSION = Set.of("ExpiredTokenException", "ExpiredToken");

    private final String endpoint;
    private final BooleanSupplier renewRoleSession;

    /** Calls on a leased client, whose role session can be renewed. */
    public ServiceCalls(ClientLease lease) {
        this(lease.sfn(), lease::renewRoleSession);
    }

    /** Calls on a client the caller built: credentials are used as they are. */
    public ServiceCalls(SfnClient sfn) {
        this(sfn, () -> false);
    }

    private ServiceCalls(SfnClient sfn, BooleanSupplier renewRoleSession) {
        this.renewRoleSession = renewRoleSession;
        var configuration = sfn.serviceClientConfiguration();
        String region = configuration.region() == null
                ? "the default region"
                : configuration.region().id();
        this.endpoint = configuration
                .endpointOverride()
                .map(uri -> uri + " (" + region + ")")
                .orElse(region);
    }

    /**
     * One call; when Step Functions answers that an assumed role's session expired, the role is assumed again and the
     * call made once more.
     */
    public <T> T call(String operation, String target, Supplier<T> call) {
        StepFunctionsException failure;
        try {
            return call.get();
        } catch (SdkException e) {
            failure = ServiceErrors.explain(operation, target, endpoint, e);
        }
        if (!failure.errorCode().filter(EXPIRED_SESSION::contains).isPresent() || !renewRoleSession.getAsBoolean()) {
            throw failure;
        }
        try {
            return call.get();
        } catch (SdkException e) {
            StepFunctionsException again = ServiceErrors.explain(operation, target, endpoint, e);
            if (again.errorCode().filter(EXPIRED_SESSION::contains).isPresent()) {
                throw new StepFunctionsException(
                        again.kind(),
                        operation,
                        again.errorCode().orElse(null),
                        operation + " on " + target + " failed: Step Functions says the role's session expired,"
                                + " and a new session, assumed at once, was refused the same way. Check this controller's"
                                + " clock (it must match AWS's within minutes) and that the role may still be assumed and its"
                                + " sessions are not revoked.",
                        e);
            }
            throw again;
        }
    }
}
