package io.jenkins.plugins.awsstepfunctions.connection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One Step Functions client per distinct effective settings and credentials, shared by everyone who leases it.
 * A client nobody holds is closed once it has been idle for the idle timeout (checked whenever a lease is taken or
 * given back), and every client is closed by {@link #close()}. Building a client costs far more than a call
 * (see docs/performance.md), and assumed-role credentials are cached per client, so sharing matters.
 */
public final class StepFunctionsClients implements AutoCloseable {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

    private final SdkClientFactory factory;
    private final Duration idleTimeout;
    private final Clock clock;
    private final Map<Key, Entry> entries = new HashMap<>();
    private int created;
    private boolean closed;

    public StepFunctionsClients() {
        this(DEFAULT_IDLE_TIMEOUT);
    }

    public StepFunctionsClients(Duration idleTimeout) {
        this(new SdkClientFactory(CredentialRefresh.SDK_DEFAULTS), idleTimeout, Clock.systemUTC());
    }

    StepFunctionsClients(SdkClientFactory factory, Duration idleTimeout, Clock clock) {
        if (idleTimeout == null || idleTimeout.isNegative()) {
            throw new InvalidSettingException("idleTimeout", "must be zero or positive");
        }
        this.factory = factory;
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    /**
     * The shared client for these settings (already layered) and credentials, built on first use.
     *
     * @throws InvalidSettingException when the combination cannot work (for example no region anywhere)
     */
    public ClientLease lease(ConnectionSettings settings, CredentialsSource credentials) {
        if (settings == null || credentials == null) {
            throw new InvalidSettingException("connection", "settings and credentials are both required");
        }
        Key key = new Key(settings.effective(), credentials);
        List<Entry> expired;
        Entry entry;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("The Step Functions client cache is closed");
            }
            expired = removeExpired();
            entry = entries.get(key);
            if (entry == null) {
                entry = new Entry(factory.build(key.settings(), credentials));
                entries.put(key, entry);
                created++;
            }
            entry.holders++;
        }
        expired.forEach(e -> e.client().close());
        return new ClientLease(this, entry);
    }

    /** How many clients were built since this cache was made. */
    public synchronized int clientsCreated() {
        return created;
    }

    /** How many clients are open now (held or idle). */
    public synchronized int openClients() {
        return entries.size();
    }

    void release(Entry entry) {
        List<Entry> expired;
        synchronized (this) {
            entry.holders--;
            entry.idleSince = clock.instant();
            expired = removeExpired();
        }
        expired.forEach(e -> e.client().close());
    }

    /** Closes every client, held or not; leases taken before keep a closed client. */
    @Override
    public void close() {
        List<Entry> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(entries.values());
            entries.clear();
        }
        all.forEach(e -> e.client().close());
    }

    private List<Entry> removeExpired() {
        List<Entry> expired = new ArrayList<>();
        Instant now = clock.instant();
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (entry.holders == 0 && !entry.idleSince.plus(idleTimeout).isAfter(now)) {
                it.remove();
                expired.add(entry);
            }
        }
        return expired;
    }

    private record Key(ConnectionSettings settings, CredentialsSource credentials) {}

    static final class Entry {
        private final SdkClientFactory.BuiltClient client;
        private int holders;
        private Instant idleSince = Instant.MIN;

        Entry(SdkClientFactory.BuiltClient client) {
            this.client = client;
        }

        SdkClientFactory.BuiltClient client() {
            return client;
        }
    }
}
