package io.jenkins.plugins.awsstepfunctions.connection;

import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Assumed-role credentials that can be renewed before their time: when Step Functions answers that the session
 * expired although the SDK's cache holds it valid (a revoked session, a clock ahead of AWS's), {@link #renew()}
 * assumes the role again.
 */
final class RenewableRoleCredentials implements AwsCredentialsProvider, SdkAutoCloseable {

    private final Supplier<StsAssumeRoleCredentialsProvider> assume;
    private volatile StsAssumeRoleCredentialsProvider current;

    RenewableRoleCredentials(Supplier<StsAssumeRoleCredentialsProvider> assume) {
        this.assume = assume;
        this.current = assume.get();
    }

    @Override
    public AwsCredentials resolveCredentials() {
        return current.resolveCredentials();
    }

    /** The next request assumes the role again (a new session), whatever the cached session's expiry says. */
    synchronized void renew() {
        StsAssumeRoleCredentialsProvider previous = current;
        current = assume.get();
        previous.close();
    }

    @Override
    public synchronized void close() {
        current.close();
    }
}
