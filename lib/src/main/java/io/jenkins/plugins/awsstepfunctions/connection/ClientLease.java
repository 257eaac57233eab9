package io.jenkins.plugins.awsstepfunctions.connection;

import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sts.StsClient;

/** A shared Step Functions client, held until {@link #close()}; the client itself must not be closed by the holder. */
public final class ClientLease implements AutoCloseable {

    private final StepFunctionsClients owner;
    private final StepFunctionsClients.Entry entry;
    private boolean released;

    ClientLease(StepFunctionsClients owner, StepFunctionsClients.Entry entry) {
        this.owner = owner;
        this.entry = entry;
    }

    public SfnClient sfn() {
        if (released) {
            throw new IllegalStateException("This client lease was already closed");
        }
        return entry.client().sfn();
    }

    /** An STS client with the same identity, for checks such as GetCallerIdentity. */
    public StsClient sts() {
        if (released) {
            throw new IllegalStateException("This client lease was already closed");
        }
        return entry.client().sts();
    }

    /**
     * When Step Functions says the session expired: assumes the client's role again (for every holder of this
     * client). Says whether there was a role to assume; credentials of any other kind cannot be renewed here.
     */
    public boolean renewRoleSession() {
        if (released) {
            throw new IllegalStateException("This client lease was already closed");
        }
        return entry.client().renewRoleSession();
    }

    /** Gives the client back; closing twice is harmless. */
    @Override
    public synchronized void close() {
        if (!released) {
            released = true;
            owner.release(entry);
        }
    }
}
