package io.jenkins.plugins.awsstepfunctions.watch;

import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.CredentialsSource;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.connection.StepFunctionsClients;
import io.jenkins.plugins.awsstepfunctions.events.StatusChangeEvent;
import io.jenkins.plugins.awsstepfunctions.events.StatusChangeSink;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionDescription;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionState;
import io.jenkins.plugins.awsstepfunctions.execution.FailureReport;
import io.jenkins.plugins.awsstepfunctions.execution.ServiceErrors;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsException;
import io.jenkins.plugins.awsstepfunctions.graph.ExecutionGraph;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
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
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;

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
 */
public final class ExecutionWatcher implements AutoCloseable {

    private static final double BACKOFF = 1.5;
    /** The shortest delay between two checks after the first, whatever the first check's delay. */
    static final Duration MIN_BACKOFF = Duration.ofMillis(500);

    private static final int MAX_CONSECUTIVE_ERRORS = 10;
    private static final int LIST_PAGE = 1000;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final WatcherSettings settings;
    private final StepFunctionsClients clients;
    private final boolean ownsClients;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor loop;
    private final ThreadFactory ioThreads = threads("sfn-watcher-io");
    /** Each lane's I/O threads: one lane's slow calls never hold another lane's. */
    private final Set<ThreadPoolExecutor> ioPools = ConcurrentHashMap.newKeySet();

    private final ExecutorService overdue;
    private final ListenerCalls listenerCalls;
    private final SplittableRandom random = new SplittableRandom();
    private final AtomicLong sequence = new AtomicLong();
    private final Map<Lane.Key, Lane> lanes = new HashMap<>();
    private final TreeSet<WatchState> deadlines = new TreeSet<>(
            Comparator.comparing((WatchState w) -> w.request.deadline().orElse(Instant.MAX))
                    .thenComparingLong(w -> w.sequence));
    private final Set<WatchState> all = new HashSet<>();
    /** Every watch handed out and not yet completed, whoever completes it: what {@link #close()} must end. */
    private final Set<WatchState> handedOut = ConcurrentHashMap.newKeySet();

    private final EventRoutes routes = new EventRoutes();
    private final StatusChangeSink statusChanges = new Sink();
    private volatile boolean eventsConfigured;
    /** Loop-owned: whether the queue can be read right now, and the queue's last word on it. */
    private boolean eventsAvailable;

    private String eventsWhy = "No status-change event has been read yet.";
    private volatile EventCounts lastCounts = new EventCounts(0, 0, 0, 0, 0, 0);

    private ScheduledFuture<?> wakeup;
    private Instant wakeupAt;
    private volatile boolean closed;

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
        eventsConfigured = true;
        return statusChanges;
    }

    /** What status-change events did, and how many waits are in each mode (as of the last moment the loop answered). */
    public EventCounts eventCounts() {
        try {
            lastCounts = loop.submit(this::countEvents).get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
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
    private void onLoop(WatchState w, Runnable task) {
        onLoop(() -> {
            try {
                task.run();
            } catch (Throwable t) {
                fail(w, new WatchFailedException(w.request.execution().toString(), "the watcher", t));
            }
        });
    }

    private void onLoop(Runnable task) {
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

    private void dispatchSafely() {
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
        routes.add(w);
        if (eventsConfigured) {
            waitMode(w, clock.instant(), true);
        }
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
    private void enqueue(WatchState w) {
        unqueue(w);
        if (!w.inFlight && w.waiting() && (w.forcedDescribe || !batched(w))) {
            w.due = new Lane.Due(w, w.nextCheck);
            w.lane.due.add(w.due);
        }
    }

    private void unqueue(WatchState w) {
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
                listPage(lane, group);
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
        next = min(next, progressTicks(lane, now));
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
                report(w);
            } else {
                historyPage(w);
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
    private void call(Lane lane, Runnable body) {
        lane.calls++;
        try {
            lane.io.execute(body);
        } catch (RejectedExecutionException closing) {
            lane.calls--;
        }
    }

    /** A call's failure as the watch reports it: service errors as they are, anything else named. */
    private static RuntimeException failure(WatchState w, String operation, Throwable t) {
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
            routes.missed++;
            listenerCalls.call(
                    w,
                    () -> w.listener.onTrouble("The execution ended without its status-change event reaching the"
                            + " queue; the safety check found it. Check the EventBridge rule and the queue policy."));
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

    private void seen(WatchState w, ExecutionState state) {
        if (state != w.lastState) {
            w.lastState = state;
            listenerCalls.call(w, () -> w.listener.onStatus(state));
        }
    }

    private void stillRunning(WatchState w, Instant now) {
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

    private Duration jittered(Duration delay) {
        return Duration.ofMillis((long) (delay.toMillis() * (0.9 + 0.1 * random.nextDouble())));
    }

    private void ended(WatchState w, ExecutionDescription description) {
        w.finalDescription = description;
        unqueue(w);
        untick(w);
        if (w.request.options().readsHistory()) {
            w.phase = WatchState.Phase.FINAL_PROGRESS;
            w.lane.finishing.add(w);
        } else {
            reportOrComplete(w);
        }
    }

    private void reportOrComplete(WatchState w) {
        if (w.request.options().failureReport() && w.finalDescription.state().isFailure()) {
            w.phase = WatchState.Phase.REPORT;
            w.lane.finishing.add(w);
        } else {
            complete(w, new WatchResult(w.finalDescription, null));
        }
    }

    // ---- ListExecutions (batching) ----

    private void listPage(Lane lane, Lane.Group group) {
        group.listInFlight = true;
        if (group.listToken == null) {
            group.running.clear();
        }
        String token = group.listToken;
        SfnClient sfn = group.members.iterator().next().lease.sfn();
        String arn = group.stateMachine.toString();
        call(lane, () -> {
            ListExecutionsResponse page = null;
            RuntimeException error = null;
            try {
                page = sfn.listExecutions(b -> b.stateMachineArn(arn)
                        .statusFilter(ExecutionStatus.RUNNING)
                        .maxResults(LIST_PAGE)
                        .nextToken(token));
            } catch (SdkException e) {
                error = ServiceErrors.explain("ListExecutions", arn, "the watched state machine's endpoint", e);
            } catch (Throwable t) {
                error = t instanceof RuntimeException e ? e : new IllegalStateException(t);
            }
            ListExecutionsResponse answer = page;
            RuntimeException problem = error;
            Instant done = clock.instant();
            onLoop(() -> {
                try {
                    listed(lane, group, done, answer, problem);
                } catch (Throwable t) {
                    group.members.forEach(w -> fail(
                            w, new WatchFailedException(w.request.execution().toString(), "the watcher", t)));
                }
            });
        });
    }

    private void listed(
            Lane lane, Lane.Group group, Instant done, ListExecutionsResponse page, RuntimeException error) {
        lane.calls--;
        lane.list.release(done);
        group.listInFlight = false;
        Instant now = clock.instant();
        if (error != null) {
            if (error instanceof StepFunctionsException e && e.kind() == StepFunctionsException.Kind.THROTTLED) {
                lane.list.throttled(now);
            }
            if (error instanceof StepFunctionsException e && e.kind() == StepFunctionsException.Kind.ACCESS_DENIED) {
                group.listDenied = true;
                group.members.forEach(this::enqueue);
            }
            // Fall back to describing each member this round; the list is tried again at the next round.
            group.listToken = null;
            for (WatchState w : group.members) {
                if (w.waiting() && !w.inFlight && !w.nextCheck.isAfter(now)) {
                    w.forcedDescribe = true;
                    enqueue(w);
                }
            }
            group.nextList = now.plus(minDelay(group));
            return;
        }
        for (ExecutionListItem item : page.executions()) {
            group.running.add(item.executionArn());
        }
        if (page.nextToken() != null) {
            group.listToken = page.nextToken();
            return;
        }
        group.listToken = null;
        for (WatchState w : new ArrayList<>(group.members)) {
            if (!w.waiting() || w.inFlight) {
                continue;
            }
            if (group.running.contains(w.request.execution().toString())) {
                w.forcedDescribe = false;
                w.confirming = false;
                seen(w, ExecutionState.RUNNING);
                stillRunning(w, now);
            } else {
                w.forcedDescribe = true;
                w.nextCheck = now;
                enqueue(w);
            }
        }
        group.nextList = Instant.MAX;
        for (WatchState w : group.members) {
            if (w.waiting() && !w.forcedDescribe) {
                group.nextList = min(group.nextList, w.nextCheck);
            }
        }
    }

    private Duration minDelay(Lane.Group group) {
        Duration least = Duration.ofHours(1);
        for (WatchState w : group.members) {
            least = min(least, w.delay);
        }
        return least;
    }

    // ---- GetExecutionHistory (progress) and failure reports ----

    private void historyPage(WatchState w) {
        w.historyInFlight = true;
        Lane lane = w.lane;
        call(lane, () -> {
            RuntimeException error = null;
            List<ProgressEvent> events = List.of();
            ExecutionGraph drawn = null;
            boolean more = false;
            try {
                more = HistoryReader.readPage(w);
                if (!more) {
                    events = HistoryReader.drain(w);
                    drawn = HistoryReader.graph(w);
                    // A Map Run that just ended: its final counters are one more call away.
                    more = HistoryReader.mapRunsDue(w);
                }
            } catch (Throwable t) {
                error = failure(w, "GetExecutionHistory", t);
            }
            List<ProgressEvent> progress = events;
            ExecutionGraph graph = drawn;
            boolean again = more;
            RuntimeException problem = error;
            Instant done = clock.instant();
            onLoop(w, () -> historyRead(lane, w, done, progress, graph, again, problem));
        });
    }

    private void historyRead(
            Lane lane,
            WatchState w,
            Instant done,
            List<ProgressEvent> events,
            ExecutionGraph graph,
            boolean more,
            RuntimeException error) {
        lane.calls--;
        lane.history.release(done);
        if (w.definitionCall) {
            w.definitionCall = false;
            lane.definitions.release(done);
        }
        w.historyInFlight = false;
        if (w.done) {
            return;
        }
        for (ProgressEvent event : events) {
            if (w.request.options().progress() && event.eventId() > w.request.progressAfterEventId()) {
                listenerCalls.call(w, () -> w.listener.onProgress(event));
            }
            w.cursor = event.eventId();
        }
        if (graph != null) {
            listenerCalls.call(w, () -> w.listener.onGraph(graph));
        }
        if (error != null) {
            w.historyToken = null;
            w.pendingHistory.clear();
            listenerCalls.call(w, () -> w.listener.onTrouble("Progress could not be read: " + error.getMessage()));
        }
        if (w.phase == WatchState.Phase.FINAL_PROGRESS) {
            if (more && error == null) {
                w.lane.finishing.addFirst(w);
            } else {
                reportOrComplete(w);
            }
            return;
        }
        if (more && error == null && !w.progressQueued) {
            w.progressQueued = true;
            w.lane.progress.addFirst(w);
        }
    }

    private void report(WatchState w) {
        w.historyInFlight = true;
        Lane lane = w.lane;
        call(lane, () -> {
            FailureReport report;
            try {
                report = w.operations.failureReport(
                        w.finalDescription, w.drawing == null ? null : w.drawing.definition());
            } catch (Throwable t) {
                report = null;
            }
            FailureReport answer = report;
            Instant done = clock.instant();
            onLoop(w, () -> {
                lane.calls--;
                lane.history.release(done);
                w.historyInFlight = false;
                if (!w.done) {
                    complete(w, new WatchResult(w.finalDescription, answer));
                }
            });
        });
    }

    // ---- completion ----

    /** Completes after the listener calls queued before, off the loop, so no listener or caller can stall it. */
    private void complete(WatchState w, WatchResult result) {
        finish(w);
        listenerCalls.complete(w, result, null);
    }

    private void fail(WatchState w, Throwable error) {
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
        routes.remove(w);
        if (w.lane != null) {
            unqueue(w);
            untick(w);
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

    /** Loop: a wait's mode follows the queue's availability; the checks due are rescheduled for the new mode. */
    private void waitMode(WatchState w, Instant now, boolean starting) {
        w.onEvents = eventsAvailable;
        WaitMode mode = w.onEvents ? WaitMode.EVENTS : WaitMode.POLLING;
        String why = w.onEvents
                ? "A status-change event from the queue ends this wait; a check every "
                        + settings.eventSafetyInterval().toMinutes() + " min covers a lost event."
                : eventsWhy;
        listenerCalls.call(w, () -> w.listener.onWaitMode(mode, why));
        if (w.onEvents) {
            if (routes.endedRecently(w.request.execution().toString())) {
                routes.confirmed++;
                confirm(w, now);
                return;
            }
            w.nextCheck = now.plus(jittered(settings.eventSafetyInterval()));
            if (w.request.options().readsHistory()) {
                tick(w, now.plus(w.request.options().pollInterval()));
            }
        } else {
            untick(w);
            w.delay = starting ? w.delay : w.request.options().pollInterval();
            if (!starting) {
                // Spread the returning checks over one poll interval.
                w.nextCheck = now.plusMillis((long) (w.delay.toMillis() * random.nextDouble()));
            }
        }
        if (!starting) {
            Lane.Group group = w.lane.groups.get(w.stateMachine);
            if (group != null) {
                group.nextList = min(group.nextList, w.nextCheck);
            }
            enqueue(w);
        }
    }

    private void eventsAvailable(boolean available, String why) {
        eventsWhy = why;
        if (available == eventsAvailable) {
            return;
        }
        eventsAvailable = available;
        Instant now = clock.instant();
        for (WatchState w : new ArrayList<>(all)) {
            if (w.waiting()) {
                waitMode(w, now, false);
            }
        }
    }

    private void applyEvents(List<StatusChangeEvent> events) {
        Instant now = clock.instant();
        for (StatusChangeEvent event : events) {
            String arn = event.executionArn().toString();
            if (event.state().isFinished()) {
                routes.ended(arn);
            }
            List<WatchState> watching = routes.watching(arn);
            if (watching.isEmpty()) {
                routes.unmatched++;
                continue;
            }
            if (!event.state().isFinished()) {
                continue;
            }
            for (WatchState w : watching) {
                if (!w.waiting()) {
                    continue;
                }
                if (trusted(w, event)) {
                    routes.applied++;
                    seen(w, event.state());
                    ended(w, event.description());
                } else if (!w.confirming) {
                    routes.confirmed++;
                    confirm(w, now);
                }
            }
        }
    }

    /**
     * An event ends a wait alone when it tells everything DescribeExecution would, and cannot be a stale one of an
     * earlier attempt: it ended after the wait started, and no redrive newer than it was seen.
     */
    private static boolean trusted(WatchState w, StatusChangeEvent event) {
        return event.complete()
                && event.stopDate().map(stop -> !stop.isBefore(w.registeredAt)).orElse(false)
                && event.description().redriveCount() >= w.redriveCount;
    }

    /** One DescribeExecution now, for an event that cannot be trusted alone. */
    private void confirm(WatchState w, Instant now) {
        w.confirming = true;
        w.forcedDescribe = true;
        w.nextCheck = now;
        enqueue(w);
    }

    private void tick(WatchState w, Instant at) {
        untick(w);
        w.tick = new Lane.Due(w, at);
        w.lane.ticks.add(w.tick);
    }

    private void untick(WatchState w) {
        if (w.tick != null) {
            w.lane.ticks.remove(w.tick);
            w.tick = null;
        }
    }

    /** Queues the progress reads due for watches on events (their DescribeExecution calls are rare); next tick. */
    private Instant progressTicks(Lane lane, Instant now) {
        while (!lane.ticks.isEmpty() && !lane.ticks.first().at().isAfter(now)) {
            WatchState w = lane.ticks.first().watch();
            untick(w);
            if (!w.waiting() || !w.onEvents) {
                continue;
            }
            if (!w.progressQueued && !w.historyInFlight) {
                w.progressQueued = true;
                lane.progress.add(w);
            }
            tick(w, now.plus(w.request.options().pollInterval()));
        }
        return lane.ticks.isEmpty() ? Instant.MAX : lane.ticks.first().at();
    }

    private EventCounts countEvents() {
        int onEvents = 0;
        int polling = 0;
        for (WatchState w : all) {
            if (w.waiting()) {
                if (w.onEvents) {
                    onEvents++;
                } else {
                    polling++;
                }
            }
        }
        return new EventCounts(routes.applied, routes.confirmed, routes.unmatched, routes.missed, onEvents, polling);
    }

    /** The queue's threads hand events here; they are applied on the loop, then the queue deletes them. */
    private final class Sink implements StatusChangeSink {

        @Override
        public CompletableFuture<Void> apply(List<StatusChangeEvent> events) {
            CompletableFuture<Void> applied = new CompletableFuture<>();
            if (closed) {
                applied.completeExceptionally(new IllegalStateException("The execution watcher is closed"));
                return applied;
            }
            try {
                loop.execute(() -> {
                    try {
                        applyEvents(events);
                        applied.complete(null);
                    } catch (Throwable t) {
                        applied.completeExceptionally(t);
                    } finally {
                        dispatchSafely();
                    }
                });
            } catch (RejectedExecutionException closing) {
                applied.completeExceptionally(closing);
            }
            return applied;
        }

        @Override
        public void available(boolean available, String why) {
            onLoop(() -> eventsAvailable(available, why));
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
