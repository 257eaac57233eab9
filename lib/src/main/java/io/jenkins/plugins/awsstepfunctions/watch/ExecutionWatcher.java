package io.jenkins.plugins.awsstepfunctions.watch;

import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.CredentialsSource;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.connection.StepFunctionsClients;
import io.jenkins.plugins.awsstepfunctions.events.StatusChangeSink;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionDescription;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionState;
import io.jenkins.plugins.awsstepfunctions.execution.ServiceErrors;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Waits for any number of executions with a bounded number of threads: one loop thread that owns every watch's
 * state and decides what to call when, I/O threads that make the calls (at most {@link WatcherSettings#ioThreads()}
 * at a time per account, region and endpoint, so a slow endpoint holds only its own), and a few threads that call
 * the listeners ({@link ListenerCalls}). No thread waits for an execution.
 *
 * <p>Calls are budgeted per account, region and endpoint ({@link WatcherSettings}): DescribeExecution, ListExecutions
 * and GetExecutionHistory each have a rate no one-second window exceeds, shared fairly (the watch due longest goes
 * first) and halved on throttling. From {@link WatcherSettings#batchThreshold()} watches of one state machine on,
 * one ListExecutions (status RUNNING) checks them all, and only those that left RUNNING are described.
 *
 * <p>With a status-change event queue ({@link #statusChanges()}), an event ends a wait and the checks above become a
 * slow safety net ({@link WatcherSettings#eventSafetyInterval()}) while events are available; an event is trusted
 * alone only when it carries the output and is newer than the wait, else one DescribeExecution confirms it.
 *
 * <p>Every {@link Watch} handed out ends: with a result, a failure, or {@link WatcherClosedException} when the
 * watcher is closed, whatever its listener does and whatever fails (Errors included).
 *
 * <p>This class holds the watches, the loop, the schedule of DescribeExecution checks and completion; batching
 * ({@link BatchChecks}), history reads ({@link HistoryCalls}) and events ({@link EventWaits}) are its collaborators
 * on the same loop.
 */
public final class ExecutionWatcher implements AutoCloseable {

    private static final double BACKOFF = 1.5;
    /** The shortest delay between two checks after the first, whatever the first check's delay. */
    static final Duration MIN_BACKOFF = Duration.ofMillis(500);

    private static final int MAX_CONSECUTIVE_ERRORS = 10;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    final WatcherSettings settings;
    private final StepFunctionsClients clients;
    private final boolean ownsClients;
    final Clock clock;
    final ScheduledThreadPoolExecutor loop;
    private final ThreadFactory ioThreads = threads("sfn-watcher-io");
    /** Each lane's I/O threads: one lane's slow calls never hold another lane's. */
    private final Set<ThreadPoolExecutor> ioPools = ConcurrentHashMap.newKeySet();

    private final ExecutorService overdue;
    final ListenerCalls listenerCalls;
    final SplittableRandom random = new SplittableRandom();
    private final AtomicLong sequence = new AtomicLong();
    private final Map<Lane.Key, Lane> lanes = new HashMap<>();
    private final TreeSet<WatchState> deadlines = new TreeSet<>(
            Comparator.comparing((WatchState w) -> w.request.deadline().orElse(Instant.MAX))
                    .thenComparingLong(w -> w.sequence));
    final Set<WatchState> all = new HashSet<>();
    /** Every watch handed out and not yet completed, whoever completes it: what {@link #close()} must end. */
    private final Set<WatchState> handedOut = ConcurrentHashMap.newKeySet();

    private final BatchChecks batches = new BatchChecks(this);
    private final HistoryCalls history = new HistoryCalls(this);
    private final EventWaits events = new EventWaits(this);
    private volatile EventCounts lastCounts = new EventCounts(0, 0, 0, 0, 0, 0);

    private ScheduledFuture<?> wakeup;
    private Instant wakeupAt;
    volatile boolean closed;

    /** A watcher with its own client cache, closed with it. */
    public ExecutionWatcher(WatcherSettings settings) {
        this(settings, new StepFunctionsClients(), true, Clock.systemUTC());
    }

    /** A watcher that borrows clients from a cache the caller owns (and closes). */
    public ExecutionWatcher(WatcherSettings settings, StepFunctionsClients clients) {
        this(settings, clients, false, Clock.systemUTC());
    }

    ExecutionWatcher(WatcherSettings settings, StepFunctionsClients clients, boolean ownsClients, Clock clock) {
        this.settings = settings;
        this.clients = clients;
        this.ownsClients = ownsClients;
        this.clock = clock;
        this.loop = new ScheduledThreadPoolExecutor(1, threads("sfn-watcher-loop"));
        this.loop.setRemoveOnCancelPolicy(true);
        this.overdue = Executors.newCachedThreadPool(threads("sfn-watcher-overdue"));
        this.listenerCalls = new ListenerCalls(
                threads("sfn-watcher-listener"),
                overdue,
                loop,
                (w, failure) -> onLoop(
                        w,
                        () -> fail(
                                w,
                                new WatchFailedException(w.request.execution().toString(), "its listener", failure))));
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Starts watching. The credentials are resolved by the caller (again after a restart); the request holds the
     * rest. Listener calls come from the watcher's threads, in order, one at a time; a listener that throws ends the
     * watch with a {@link WatchFailedException}.
     *
     * @throws InvalidSettingException when the connection settings cannot work (before any call)
     * @throws IllegalStateException when the watcher is closed
     */
    public Watch watch(WatchRequest request, CredentialsSource credentials, WatchListener listener) {
        if (closed) {
            throw new IllegalStateException("The execution watcher is closed");
        }
        if (request == null || credentials == null) {
            throw new InvalidSettingException("watch", "a request and credentials are both required");
        }
        ClientLease lease = clients.lease(request.connection(), credentials);
        WatchState state = new WatchState(
                request,
                listener == null ? WatchListener.NONE : listener,
                lease,
                clock.instant(),
                sequence.incrementAndGet());
        handedOut.add(state);
        state.future.whenComplete((result, error) -> {
            handedOut.remove(state);
            if (state.future.isCancelled()) {
                onLoop(state, () -> finish(state));
            }
        });
        // close() sets closed before it ends what handedOut holds: either it sees this watch, or this sees closed.
        if (closed) {
            state.future.completeExceptionally(
                    new WatcherClosedException(request.execution().toString()));
            state.lease.close();
        } else {
            onLoop(state, () -> register(state));
        }
        return new Watch(state);
    }

    /** Watches not yet completed. */
    public int activeWatches() {
        return handedOut.size();
    }

    /**
     * Where a {@link io.jenkins.plugins.awsstepfunctions.events.StatusChangeQueue} delivers events. Until it says
     * events are available, waits poll as without it; from then on they wait for events ({@link WaitMode}).
     */
    public StatusChangeSink statusChanges() {
        return events.sink();
    }

    /**
     * Events are turned off while no queue is open (the last one could not be read): waits that start from now on say
     * nothing of events, waits that were told events are unavailable keep polling.
     */
    public void eventsOff(String why) {
        events.off(why);
    }

    /** What status-change events did, and how many waits are in each mode (as of the last moment the loop answered). */
    public EventCounts eventCounts() {
        try {
            lastCounts = loop.submit(events::countEvents).get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception loopBusyOrGone) {
            // the last counts answer
        }
        return lastCounts;
    }

    /**
     * Ends every watch not yet completed with a {@link WatcherClosedException}, stops the threads and, if owned,
     * closes the clients. Executions are not touched. Bounded: no listener and no call in flight can hold it.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            loop.submit(() -> new ArrayList<>(all).forEach(this::finish))
                    .get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception loopBusyOrGone) {
            // the watches are ended below all the same
        }
        loop.shutdownNow();
        ioPools.forEach(ThreadPoolExecutor::shutdownNow);
        listenerCalls.shutdownNow();
        for (WatchState w : new ArrayList<>(handedOut)) {
            w.future.completeExceptionally(
                    new WatcherClosedException(w.request.execution().toString()));
            w.lease.close();
        }
        overdue.shutdown();
        try {
            // Bounded: a call or a listener that ignores interruption is left to end on its own (daemon threads).
            loop.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            for (ThreadPoolExecutor io : ioPools) {
                io.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
            listenerCalls.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsClients) {
            clients.close();
        }
    }

    // ---- everything below runs on the loop thread, except the bodies of the io tasks ----

    /** Runs a task of one watch on the loop; whatever it throws ends that watch, and the loop goes on. */
    void onLoop(WatchState w, Runnable task) {
        onLoop(() -> {
            try {
                task.run();
            } catch (Throwable t) {
                fail(w, new WatchFailedException(w.request.execution().toString(), "the watcher", t));
            }
        });
    }

    void onLoop(Runnable task) {
        if (closed) {
            return;
        }
        try {
            loop.execute(() -> {
                try {
                    task.run();
                } finally {
                    dispatchSafely();
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            // close() ends every watch
        }
    }

    void dispatchSafely() {
        try {
            dispatch();
        } catch (Throwable t) {
            // A fault of the loop's own must not stop it; the next event dispatches again.
        }
    }

    private void register(WatchState w) {
        if (w.future.isDone()) {
            finish(w);
            return;
        }
        Lane lane = lanes.computeIfAbsent(
                new Lane.Key(
                        w.request.execution().account(),
                        w.request.execution().region(),
                        w.request
                                .connection()
                                .endpointUrl()
                                .map(Object::toString)
                                .orElse("")),
                key -> newLane());
        w.lane = lane;
        all.add(w);
        if (w.request.deadline().isPresent()) {
            deadlines.add(w);
        }
        events.register(w, clock.instant());
        Lane.Group group = lane.groups.computeIfAbsent(w.stateMachine, Lane.Group::new);
        group.members.add(w);
        group.nextList = min(group.nextList, w.nextCheck);
        enqueue(w);
    }

    private Lane newLane() {
        ThreadPoolExecutor io = new ThreadPoolExecutor(
                settings.ioThreads(),
                settings.ioThreads(),
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                ioThreads);
        io.allowCoreThreadTimeOut(true);
        ioPools.add(io);
        return new Lane(settings, io);
    }

    private boolean batched(WatchState w) {
        Lane.Group group = w.lane.groups.get(w.stateMachine);
        return group != null && batched(group);
    }

    private boolean batched(Lane.Group group) {
        return !group.listDenied && group.members.size() >= settings.batchThreshold();
    }

    /** (Re)schedules a DescribeExecution at {@code w.nextCheck}, replacing the watch's earlier one. */
    void enqueue(WatchState w) {
        unqueue(w);
        if (!w.inFlight && w.waiting() && (w.forcedDescribe || !batched(w))) {
            w.due = new Lane.Due(w, w.nextCheck);
            w.lane.due.add(w.due);
        }
    }

    void unqueue(WatchState w) {
        if (w.due != null) {
            w.lane.due.remove(w.due);
            w.due = null;
        }
    }

    private boolean ioFree(Lane lane) {
        return lane.calls < settings.ioThreads();
    }

    private void dispatch() {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        while (!deadlines.isEmpty()
                && !deadlines.first().request.deadline().orElseThrow().isAfter(now)) {
            WatchState w = deadlines.pollFirst();
            fail(
                    w,
                    new WatchTimeoutException(
                            w.request.execution(), w.request.deadline().orElseThrow(), w.lastState));
        }
        Instant next = deadlines.isEmpty()
                ? Instant.MAX
                : deadlines.first().request.deadline().orElseThrow();
        for (Lane lane : lanes.values()) {
            next = min(next, dispatch(lane, now));
        }
        scheduleWakeup(now, next);
    }

    private Instant dispatch(Lane lane, Instant now) {
        Instant next = Instant.MAX;
        for (Lane.Group group : lane.groups.values()) {
            if (!batched(group) || group.listInFlight || !ioFree(lane)) {
                continue;
            }
            if (group.listToken == null && group.nextList.isAfter(now)) {
                next = min(next, group.nextList);
            } else if (lane.list.tryAcquire(now)) {
                batches.listPage(lane, group);
            } else {
                next = min(next, lane.list.nextPermitAt(now));
            }
        }
        while (!lane.due.isEmpty() && ioFree(lane)) {
            Lane.Due entry = lane.due.first();
            WatchState w = entry.watch();
            if (!w.waiting() || w.inFlight || (batched(w) && !w.forcedDescribe)) {
                unqueue(w);
                continue;
            }
            if (entry.at().isAfter(now)) {
                next = min(next, entry.at());
                break;
            }
            if (!lane.describe.tryAcquire(now)) {
                next = min(next, lane.describe.nextPermitAt(now));
                break;
            }
            unqueue(w);
            describe(w);
        }
        next = min(next, events.progressTicks(lane, now));
        int deferred = 0;
        while ((!lane.finishing.isEmpty() || !lane.progress.isEmpty()) && ioFree(lane)) {
            boolean finishing = !lane.finishing.isEmpty();
            WatchState w = finishing ? lane.finishing.peek() : lane.progress.peek();
            if (w.done || w.historyInFlight || (!finishing && !w.waiting())) {
                (finishing ? lane.finishing : lane.progress).poll();
                w.progressQueued = false;
                continue;
            }
            boolean needsDefinition = !w.definitionLoaded && !(finishing && w.phase == WatchState.Phase.REPORT);
            if (needsDefinition && !lane.definitions.tryAcquire(now)) {
                // DescribeStateMachineForExecution has its own small quota: let watches that know theirs go first.
                next = min(next, lane.definitions.nextPermitAt(now));
                Deque<WatchState> queue = finishing ? lane.finishing : lane.progress;
                if (++deferred >= queue.size()) {
                    break;
                }
                queue.addLast(queue.pollFirst());
                continue;
            }
            if (!lane.history.tryAcquire(now)) {
                if (needsDefinition) {
                    lane.definitions.cancel();
                }
                next = min(next, lane.history.nextPermitAt(now));
                break;
            }
            w.definitionCall = needsDefinition;
            (finishing ? lane.finishing : lane.progress).poll();
            w.progressQueued = false;
            if (finishing && w.phase == WatchState.Phase.REPORT) {
                history.report(w);
            } else {
                history.historyPage(w);
            }
        }
        return next;
    }

    private void scheduleWakeup(Instant now, Instant next) {
        if (next.equals(Instant.MAX) || closed) {
            return;
        }
        if (wakeup != null && !wakeup.isDone() && wakeupAt != null && !wakeupAt.isAfter(next)) {
            return;
        }
        if (wakeup != null) {
            wakeup.cancel(false);
        }
        long delayMicros = Math.max(0, Duration.between(now, next).toNanos() / 1000) + 1000;
        wakeupAt = next;
        wakeup = loop.schedule(
                () -> {
                    wakeup = null;
                    wakeupAt = null;
                    dispatchSafely();
                },
                delayMicros,
                TimeUnit.MICROSECONDS);
    }

    /** Runs a call on an I/O thread, counted against its lane; the answer goes back to the loop. */
    void call(Lane lane, Runnable body) {
        lane.calls++;
        try {
            lane.io.execute(body);
        } catch (RejectedExecutionException closing) {
            lane.calls--;
        }
    }

    /** A call's failure as the watch reports it: service errors as they are, anything else named. */
    static RuntimeException failure(WatchState w, String operation, Throwable t) {
        if (t instanceof SdkException e) {
            return ServiceErrors.explain(
                    operation, w.request.execution().toString(), "the watched execution's endpoint", e);
        }
        if (t instanceof StepFunctionsException || t instanceof InvalidSettingException) {
            return (RuntimeException) t;
        }
        return new WatchFailedException(w.request.execution().toString(), operation, t);
    }

    // ---- DescribeExecution ----

    private void describe(WatchState w) {
        w.inFlight = true;
        Lane lane = w.lane;
        call(lane, () -> {
            ExecutionDescription description = null;
            RuntimeException error = null;
            try {
                description = w.operations.describe(w.request.execution());
            } catch (Throwable t) {
                error = failure(w, "DescribeExecution", t);
            }
            ExecutionDescription answer = description;
            RuntimeException problem = error;
            Instant done = clock.instant();
            onLoop(w, () -> described(lane, w, done, answer, problem));
        });
    }

    private void described(
            Lane lane, WatchState w, Instant done, ExecutionDescription description, RuntimeException error) {
        lane.calls--;
        lane.describe.release(done);
        w.inFlight = false;
        w.forcedDescribe = false;
        if (!w.waiting()) {
            // ended meanwhile (by an event) or done
            return;
        }
        Instant now = clock.instant();
        boolean confirming = w.confirming;
        w.confirming = false;
        if (error != null) {
            troubled(w, error, now);
            return;
        }
        w.consecutiveErrors = 0;
        w.redriveCount = description.redriveCount();
        if (w.onEvents && !confirming && description.state().isFinished()) {
            events.missed(w);
        }
        seen(w, description.state());
        if (description.state().isFinished()) {
            ended(w, description);
        } else {
            stillRunning(w, now);
        }
    }

    private void troubled(WatchState w, RuntimeException error, Instant now) {
        if (error instanceof StepFunctionsException e) {
            boolean notVisibleYet =
                    e.errorCode().filter("ExecutionDoesNotExist"::equals).isPresent()
                            && now.isBefore(
                                    w.registeredAt.plus(w.request.options().notVisibleGrace()));
            if (notVisibleYet) {
                stillRunning(w, now);
                return;
            }
            boolean retryable =
                    switch (e.kind()) {
                        case THROTTLED, CONNECTION, SERVICE_ERROR, LIMIT_EXCEEDED -> true;
                        default -> false;
                    };
            if (e.kind() == StepFunctionsException.Kind.THROTTLED) {
                w.lane.describe.throttled(now);
            }
            if (retryable && ++w.consecutiveErrors < MAX_CONSECUTIVE_ERRORS) {
                listenerCalls.call(w, () -> w.listener.onTrouble(e.getMessage() + " Retrying."));
                stillRunning(w, now);
                return;
            }
        }
        fail(w, error);
    }

    void seen(WatchState w, ExecutionState state) {
        if (state != w.lastState) {
            w.lastState = state;
            listenerCalls.call(w, () -> w.listener.onStatus(state));
        }
    }

    void stillRunning(WatchState w, Instant now) {
        if (w.onEvents) {
            w.nextCheck = now.plus(jittered(settings.eventSafetyInterval()));
        } else {
            Duration grown = Duration.ofMillis((long) (w.delay.toMillis() * BACKOFF));
            w.delay = min(
                    grown.compareTo(MIN_BACKOFF) < 0 ? MIN_BACKOFF : grown,
                    w.request.options().pollInterval());
            w.nextCheck = now.plus(jittered(w.delay));
        }
        Lane.Group group = w.lane.groups.get(w.stateMachine);
        if (group != null) {
            group.nextList = min(group.nextList, w.nextCheck);
        }
        enqueue(w);
        if (w.request.options().readsHistory() && !w.progressQueued && !w.historyInFlight) {
            w.progressQueued = true;
            w.lane.progress.add(w);
        }
    }

    Duration jittered(Duration delay) {
        return Duration.ofMillis((long) (delay.toMillis() * (0.9 + 0.1 * random.nextDouble())));
    }

    void ended(WatchState w, ExecutionDescription description) {
        w.finalDescription = description;
        unqueue(w);
        events.forget(w);
        if (w.request.options().readsHistory()) {
            w.phase = WatchState.Phase.FINAL_PROGRESS;
            w.lane.finishing.add(w);
        } else {
            reportOrComplete(w);
        }
    }

    void reportOrComplete(WatchState w) {
        if (w.request.options().failureReport() && w.finalDescription.state().isFailure()) {
            w.phase = WatchState.Phase.REPORT;
            w.lane.finishing.add(w);
        } else {
            complete(w, new WatchResult(w.finalDescription, null));
        }
    }

    // ---- ListExecutions (batching) ----

    // ---- GetExecutionHistory (progress) and failure reports ----

    // ---- completion ----

    /** Completes after the listener calls queued before, off the loop, so no listener or caller can stall it. */
    void complete(WatchState w, WatchResult result) {
        finish(w);
        listenerCalls.complete(w, result, null);
    }

    void fail(WatchState w, Throwable error) {
        finish(w);
        listenerCalls.complete(w, null, error);
    }

    /** Forgets a watch: it is done, out of every queue and group, and its client lease is given back. */
    private void finish(WatchState w) {
        if (w.done) {
            return;
        }
        w.done = true;
        all.remove(w);
        deadlines.remove(w);
        if (w.lane != null) {
            unqueue(w);
            events.forget(w);
            w.lane.progress.remove(w);
            w.lane.finishing.remove(w);
            Lane.Group group = w.lane.groups.get(w.stateMachine);
            if (group != null) {
                boolean wasBatched = batched(group);
                group.members.remove(w);
                if (group.members.isEmpty()) {
                    w.lane.groups.remove(w.stateMachine);
                } else if (wasBatched && !batched(group)) {
                    group.members.forEach(this::enqueue);
                }
            }
        }
        w.lease.close();
    }

    // ---- status-change events ----

    static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
