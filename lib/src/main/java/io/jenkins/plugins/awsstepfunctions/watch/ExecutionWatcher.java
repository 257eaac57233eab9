package io.jenkins.plugins.awsstepfunctions.watch;

import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.CredentialsSource;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.connection.StepFunctionsClients;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionDescription;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionState;
import io.jenkins.plugins.awsstepfunctions.execution.FailureReport;
import io.jenkins.plugins.awsstepfunctions.execution.ServiceErrors;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsException;
import io.jenkins.plugins.awsstepfunctions.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;

/**
 * Waits for any number of executions with a fixed number of threads: one loop thread that owns every watch's state
 * and decides what to call when, and {@link WatcherSettings#ioThreads()} threads that make the calls. No thread waits
 * for an execution.
 *
 * <p>Calls are budgeted per account, region and endpoint ({@link WatcherSettings}): DescribeExecution, ListExecutions
 * and GetExecutionHistory each have a rate no one-second window exceeds, shared fairly (the watch due longest goes
 * first) and halved on throttling. From {@link WatcherSettings#batchThreshold()} watches of one state machine on,
 * one ListExecutions (status RUNNING) checks them all, and only those that left RUNNING are described.
 */
public final class ExecutionWatcher implements AutoCloseable {

    private static final double BACKOFF = 1.5;
    private static final int MAX_CONSECUTIVE_ERRORS = 10;
    private static final int LIST_PAGE = 1000;
    private static final int HISTORY_PAGE = 100;

    private final WatcherSettings settings;
    private final StepFunctionsClients clients;
    private final boolean ownsClients;
    private final Clock clock;
    private final ScheduledExecutorService loop;
    private final ExecutorService io;
    private final SplittableRandom random = new SplittableRandom();
    private final Map<Lane.Key, Lane> lanes = new HashMap<>();
    private final PriorityQueue<WatchState> deadlines = new PriorityQueue<>(
            Comparator.comparing(w -> w.request.deadline().orElse(Instant.MAX)));
    private final Set<WatchState> all = new HashSet<>();
    private final AtomicInteger active = new AtomicInteger();
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
        this.loop = Executors.newSingleThreadScheduledExecutor(threads("sfn-watcher-loop"));
        this.io = Executors.newFixedThreadPool(settings.ioThreads(), threads("sfn-watcher-io"));
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
     * rest.
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
        WatchState state = new WatchState(request, listener == null ? WatchListener.NONE : listener, lease,
                clock.instant());
        active.incrementAndGet();
        state.future.whenComplete((result, error) -> {
            if (state.future.isCancelled()) {
                onLoop(() -> finish(state));
            }
        });
        onLoop(() -> register(state));
        return new Watch(state);
    }

    /** Watches not yet completed. */
    public int activeWatches() {
        return active.get();
    }

    /**
     * Stops every watch (their results complete with a {@link WatcherClosedException}), the threads and, if owned,
     * the clients. Executions are not touched.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            loop.submit(() -> {
                for (WatchState w : new ArrayList<>(all)) {
                    w.future.completeExceptionally(new WatcherClosedException(w.request.execution().toString()));
                    finish(w);
                }
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        loop.shutdownNow();
        io.shutdownNow();
        try {
            loop.awaitTermination(10, TimeUnit.SECONDS);
            io.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsClients) {
            clients.close();
        }
    }

    // ---- everything below runs on the loop thread, except the bodies of the io tasks ----

    private void onLoop(Runnable task) {
        if (!closed) {
            try {
                loop.execute(() -> {
                    task.run();
                    dispatch();
                });
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                // close() completes every watch
            }
        }
    }

    private void register(WatchState w) {
        if (w.future.isDone()) {
            finish(w);
            return;
        }
        Lane lane = lanes.computeIfAbsent(new Lane.Key(w.request.execution().account(), w.request.execution().region(),
                w.request.connection().endpointUrl().map(Object::toString).orElse("")), key -> new Lane(settings));
        w.lane = lane;
        all.add(w);
        if (w.request.deadline().isPresent()) {
            deadlines.add(w);
        }
        Lane.Group group = lane.groups.computeIfAbsent(w.stateMachine, Lane.Group::new);
        group.members.add(w);
        group.nextList = min(group.nextList, w.nextCheck);
        enqueue(w);
    }

    private boolean batched(WatchState w) {
        Lane.Group group = w.lane.groups.get(w.stateMachine);
        return group != null && batched(group);
    }

    private boolean batched(Lane.Group group) {
        return !group.listDenied && group.members.size() >= settings.batchThreshold();
    }

    /** (Re)schedules a DescribeExecution at {@code w.nextCheck}; an older entry of the same watch goes stale. */
    private void enqueue(WatchState w) {
        if (!w.inFlight && w.waiting() && (w.forcedDescribe || !batched(w))) {
            w.lane.due.add(new Lane.Due(w, w.nextCheck, ++w.version));
        }
    }

    private void dispatch() {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        while (!deadlines.isEmpty() && (deadlines.peek().done
                || !deadlines.peek().request.deadline().orElseThrow().isAfter(now))) {
            WatchState w = deadlines.poll();
            if (!w.done) {
                fail(w, new WatchTimeoutException(w.request.execution(), w.request.deadline().orElseThrow(),
                        w.lastState));
            }
        }
        Instant next = deadlines.isEmpty() ? Instant.MAX : deadlines.peek().request.deadline().orElseThrow();
        for (Lane lane : lanes.values()) {
            next = min(next, dispatch(lane, now));
        }
        scheduleWakeup(now, next);
    }

    private Instant dispatch(Lane lane, Instant now) {
        Instant next = Instant.MAX;
        for (Lane.Group group : lane.groups.values()) {
            if (!batched(group) || group.listInFlight) {
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
        while (!lane.due.isEmpty()) {
            Lane.Due entry = lane.due.peek();
            WatchState w = entry.watch();
            if (entry.version() != w.version || !w.waiting() || w.inFlight || (batched(w) && !w.forcedDescribe)) {
                lane.due.poll();
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
            lane.due.poll();
            describe(w);
        }
        while (!lane.finishing.isEmpty() || !lane.progress.isEmpty()) {
            boolean finishing = !lane.finishing.isEmpty();
            WatchState w = finishing ? lane.finishing.peek() : lane.progress.peek();
            if (w.done || w.historyInFlight || (!finishing && !w.waiting())) {
                (finishing ? lane.finishing : lane.progress).poll();
                w.progressQueued = false;
                continue;
            }
            if (!lane.history.tryAcquire(now)) {
                next = min(next, lane.history.nextPermitAt(now));
                break;
            }
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
        wakeup = loop.schedule(() -> {
            wakeup = null;
            wakeupAt = null;
            dispatch();
        }, delayMicros, TimeUnit.MICROSECONDS);
    }

    // ---- DescribeExecution ----

    private void describe(WatchState w) {
        w.inFlight = true;
        io.execute(() -> {
            ExecutionDescription description = null;
            RuntimeException error = null;
            try {
                description = w.operations.describe(w.request.execution());
            } catch (RuntimeException e) {
                error = e;
            }
            ExecutionDescription answer = description;
            RuntimeException problem = error;
            Instant done = clock.instant();
            onLoop(() -> described(w, done, answer, problem));
        });
    }

    private void described(WatchState w, Instant done, ExecutionDescription description, RuntimeException error) {
        w.lane.describe.release(done);
        w.inFlight = false;
        w.forcedDescribe = false;
        if (w.done) {
            return;
        }
        Instant now = clock.instant();
        if (error != null) {
            troubled(w, error, now);
            return;
        }
        w.consecutiveErrors = 0;
        seen(w, description.state());
        if (description.state().isFinished()) {
            ended(w, description);
        } else {
            stillRunning(w, now);
        }
    }

    private void troubled(WatchState w, RuntimeException error, Instant now) {
        if (error instanceof StepFunctionsException e) {
            boolean notVisibleYet = e.errorCode().filter("ExecutionDoesNotExist"::equals).isPresent()
                    && now.isBefore(w.registeredAt.plus(w.request.options().notVisibleGrace()));
            if (notVisibleYet) {
                stillRunning(w, now);
                return;
            }
            boolean retryable = switch (e.kind()) {
                case THROTTLED, CONNECTION, SERVICE_ERROR, LIMIT_EXCEEDED -> true;
                default -> false;
            };
            if (e.kind() == StepFunctionsException.Kind.THROTTLED) {
                w.lane.describe.throttled(now);
            }
            if (retryable && ++w.consecutiveErrors < MAX_CONSECUTIVE_ERRORS) {
                notify(w, () -> w.listener.onTrouble(e.getMessage() + " Retrying."));
                stillRunning(w, now);
                return;
            }
        }
        fail(w, error);
    }

    private void seen(WatchState w, ExecutionState state) {
        if (state != w.lastState) {
            w.lastState = state;
            notify(w, () -> w.listener.onStatus(state));
        }
    }

    private void stillRunning(WatchState w, Instant now) {
        w.delay = min(Duration.ofMillis((long) (w.delay.toMillis() * BACKOFF)), w.request.options().pollInterval());
        long jittered = (long) (w.delay.toMillis() * (0.9 + 0.1 * random.nextDouble()));
        w.nextCheck = now.plusMillis(jittered);
        Lane.Group group = w.lane.groups.get(w.stateMachine);
        if (group != null) {
            group.nextList = min(group.nextList, w.nextCheck);
        }
        enqueue(w);
        if (w.request.options().progress() && !w.progressQueued && !w.historyInFlight) {
            w.progressQueued = true;
            w.lane.progress.add(w);
        }
    }

    private void ended(WatchState w, ExecutionDescription description) {
        w.finalDescription = description;
        if (w.request.options().progress()) {
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
        io.execute(() -> {
            ListExecutionsResponse page = null;
            RuntimeException error = null;
            try {
                page = sfn.listExecutions(b -> b.stateMachineArn(arn).statusFilter(ExecutionStatus.RUNNING)
                        .maxResults(LIST_PAGE).nextToken(token));
            } catch (SdkException e) {
                error = ServiceErrors.explain("ListExecutions", arn, "the watched state machine's endpoint", e);
            } catch (RuntimeException e) {
                error = e;
            }
            ListExecutionsResponse answer = page;
            RuntimeException problem = error;
            Instant done = clock.instant();
            onLoop(() -> listed(lane, group, done, answer, problem));
        });
    }

    private void listed(Lane lane, Lane.Group group, Instant done, ListExecutionsResponse page,
            RuntimeException error) {
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
        for (WatchState w : group.members) {
            if (!w.waiting() || w.inFlight) {
                continue;
            }
            if (group.running.contains(w.request.execution().toString())) {
                w.forcedDescribe = false;
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
        io.execute(() -> {
            RuntimeException error = null;
            List<ProgressEvent> events = List.of();
            boolean more = false;
            try {
                more = readHistoryPage(w);
                if (!more) {
                    events = drainProgress(w);
                }
            } catch (SdkException e) {
                error = ServiceErrors.explain("GetExecutionHistory", w.request.execution().toString(),
                        "the watched execution's endpoint", e);
            } catch (RuntimeException e) {
                error = e;
            }
            List<ProgressEvent> progress = events;
            boolean again = more;
            RuntimeException problem = error;
            Instant done = clock.instant();
            onLoop(() -> historyRead(w, done, progress, again, problem));
        });
    }

    /**
     * One call: first the definition (to tell top-level states from nested ones), then history pages, newest first,
     * until the last event already reported. Returns whether another page is needed. Runs on an io thread; only one
     * history task per watch is ever in flight.
     */
    private boolean readHistoryPage(WatchState w) {
        SfnClient sfn = w.lease.sfn();
        String arn = w.request.execution().toString();
        if (!w.definitionLoaded) {
            w.definitionLoaded = true;
            w.tracker = new ProgressTracker(topLevelStates(
                    sfn.describeStateMachineForExecution(b -> b.executionArn(arn)).definition()));
            return true;
        }
        String token = w.historyToken;
        GetExecutionHistoryResponse page = sfn.getExecutionHistory(b -> b.executionArn(arn).reverseOrder(true)
                .includeExecutionData(false).maxResults(HISTORY_PAGE).nextToken(token));
        List<HistoryEvent> events = page.events();
        boolean reachedCursor = false;
        for (HistoryEvent event : events) {
            if (event.id() > w.cursor) {
                w.pendingHistory.add(event);
            } else {
                reachedCursor = true;
            }
        }
        // A server that ignores reverseOrder (moto does) pages oldest first: then read on to the end.
        boolean oldestFirst = events.size() > 1 && events.get(0).id() < events.get(events.size() - 1).id();
        w.historyToken = reachedCursor && !oldestFirst ? null : page.nextToken();
        return w.historyToken != null;
    }

    private static List<ProgressEvent> drainProgress(WatchState w) {
        Map<Long, HistoryEvent> fresh = new java.util.TreeMap<>();
        w.pendingHistory.forEach(event -> fresh.put(event.id(), event));
        w.pendingHistory.clear();
        return w.tracker.accept(new ArrayList<>(fresh.values()));
    }

    @SuppressWarnings("unchecked")
    private static Set<String> topLevelStates(String definition) {
        try {
            if (Json.parse("definition", definition) instanceof Map<?, ?> root
                    && root.get("States") instanceof Map<?, ?> states) {
                return new HashSet<>((Set<String>) states.keySet());
            }
        } catch (RuntimeException unreadable) {
            // progress then reports states at every depth
        }
        return null;
    }

    private void historyRead(WatchState w, Instant done, List<ProgressEvent> events, boolean more,
            RuntimeException error) {
        w.lane.history.release(done);
        w.historyInFlight = false;
        if (w.done) {
            return;
        }
        for (ProgressEvent event : events) {
            notify(w, () -> w.listener.onProgress(event));
            w.cursor = event.eventId();
        }
        if (error != null) {
            w.historyToken = null;
            w.pendingHistory.clear();
            notify(w, () -> w.listener.onTrouble("Progress could not be read: " + error.getMessage()));
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
        io.execute(() -> {
            FailureReport report;
            try {
                report = w.operations.failureReport(w.finalDescription);
            } catch (RuntimeException e) {
                report = null;
            }
            FailureReport answer = report;
            Instant done = clock.instant();
            onLoop(() -> {
                w.lane.history.release(done);
                w.historyInFlight = false;
                if (!w.done) {
                    complete(w, new WatchResult(w.finalDescription, answer));
                }
            });
        });
    }

    // ---- completion ----

    /** Completes off the loop thread, so that whatever the caller chained to the result cannot stall the loop. */
    private void complete(WatchState w, WatchResult result) {
        finish(w);
        offLoop(() -> w.future.complete(result));
    }

    private void fail(WatchState w, Throwable error) {
        finish(w);
        offLoop(() -> w.future.completeExceptionally(error));
    }

    private void offLoop(Runnable completion) {
        try {
            io.execute(completion);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            completion.run();
        }
    }

    /** Forgets a watch: it is done, out of every queue and group, and its client lease is given back. */
    private void finish(WatchState w) {
        if (w.done) {
            return;
        }
        w.done = true;
        active.decrementAndGet();
        all.remove(w);
        if (w.lane != null) {
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

    private void notify(WatchState w, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException listenerFailed) {
            // a listener's failure must not stop the watch
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
