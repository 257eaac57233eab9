package io.jenkins.plugins.awsstepfunctions.connection;

import java.time.Duration;

/**
 * When assumed-role credentials are renewed: a refresh starts {@code prefetch} before they expire and callers wait
 * for it {@code stale} before they expire. The defaults are the AWS SDK's.
 */
record CredentialRefresh(Duration prefetch, Duration stale) {

    static final CredentialRefresh SDK_DEFAULTS = new CredentialRefresh(Duration.ofMinutes(5), Duration.ofMinutes(1));
}
