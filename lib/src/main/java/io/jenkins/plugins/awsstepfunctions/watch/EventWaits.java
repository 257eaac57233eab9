package io.jenkins.plugins.awsstepfunctions.watch;

import io.jenkins.plugins.awsstepfunctions.events.StatusChangeEvent;
import io.jenkins.plugins.awsstepfunctions.events.StatusChangeSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * The watcher's part in event-driven completion: which mode each wait is in ({@link WaitMode}), applying the
 * status-change events a queue hands over, and the progress reads of waits that no longer poll. An event is trusted
 * alone only when it carries the output and is newer than the wait; else one DescribeExecution confirms it. Owned by
 * the watcher's loop thread, except {@link #sink()} (any thread) and the sinks, which the queue's threads call.
 */
final class EventWaits {

    private final ExecutionWatcher watcher;
    private final EventRoutes routes = new EventRoutes();
    /** Whether a queue is attached: only then do waits announce their mode. Guarded by {@code this}. */
    private boolean configured;
    /** Which sink is the attached queue's: a queue closed after another was attached does not detach it. */
    private int generation;
    /** Whether the queue can be read right now, and the queue's last word on it. */
    private boolean available;

    private String why = "No status-change event has been read yet.";

    EventWaits(ExecutionWatcher watcher) {
        this.watcher = watcher;
    }

    synchronized StatusChangeSink sink() {
        configured = true;
        return new Sink(++generation);
    }

    private synchronized boolean configured() {
        return configured;
    }

    private synchronized void detach(int closed) {
        if (closed == generation) {
            configured = false;
        }
    }

    /** Events are off without a queue to close (the last one could not be read): as if it had been closed. */
    void off(String why) {
        int current;
        synchronized (this) {
            current = generation;
        }
        watcher.onLoop(() -> {
            detach(current);
            available(false, why);
        });
    }

    /** A new wait: routed to its execution's events, and in the current mode once a queue was attached. */
    void register(WatchState w, Instant now) {
        routes.add(w);
        if (configured()) {
            waitMode(w, now, true);
        }
    }

    /** A wait that ended or was cancelled. */
    void forget(WatchState w) {
        routes.remove(w);
        untick(w);
    }

    /** A safety check found the execution ended: its event was lost (or is late). */
    void missed(WatchState w) {
        routes.missed++;
        watcher.listenerCalls.call(
                w,
                () -> w.listener.onTrouble("The execution ended without its status-change event reaching the"
                        + " queue; the safety check found it. Check the EventBridge rule and the queue policy."));
    }

    /** Loop: a wait's mode follows the queue's availability; the checks due are rescheduled for the new mode. */
    private void waitMode(WatchState w, Instant now, boolean starting) {
        w.onEvents = available;
        WaitMode mode = w.onEvents ? WaitMode.EVENTS : WaitMode.POLLING;
        String reason = w.onEvents
                ? "A status-change event from the queue ends this wait; a check every "
                        + watcher.settings.eventSafetyInterval().toMinutes() + " min covers a lost event."
                : why;
        watcher.listenerCalls.call(w, () -> w.listener.onWaitMode(mode, reason));
        if (w.onEvents) {
            if (routes.endedRecently(w.request.execution().toString())) {
                routes.confirmed++;
                confirm(w, now);
                return;
            }
            w.nextCheck = now.plus(watcher.jittered(watcher.settings.eventSafetyInterval()));
            if (w.request.options().readsHistory()) {
                tick(w, now.plus(w.request.options().pollInterval()));
            }
        } else {
            untick(w);
            w.delay = starting ? w.delay : w.request.options().pollInterval();
            if (!starting) {
                // Spread the returning checks over one poll interval.
                w.nextCheck = now.plusMillis((long) (w.delay.toMillis() * watcher.random.nextDouble()));
            }
        }
        if (!starting) {
            Lane.Group group = w.lane.groups.get(w.stateMachine);
            if (group != null) {
                group.nextList = ExecutionWatcher.min(group.nextList, w.nextCheck);
            }
            watcher.enqueue(w);
        }
    }

    private void available(boolean nowAvailable, String news) {
        why = news;
        if (nowAvailable == available) {
            return;
        }
        available = nowAvailable;
        Instant now = watcher.clock.instant();
        for (WatchState w : new ArrayList<>(watcher.all)) {
            if (w.waiting()) {
                waitMode(w, now, false);
            }
        }
    }

    private void applyEvents(List<StatusChangeEvent> events) {
        Instant now = watcher.clock.instant();
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
                    watcher.seen(w, event.state());
                    watcher.ended(w, event.description());
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
        watcher.enqueue(w);
    }

    private void tick(WatchState w, Instant at) {
        untick(w);
        w.tick = new Lane.Due(w, at);
        w.lane.ticks.add(w.tick);
    }

    void untick(WatchState w) {
        if (w.tick != null) {
            w.lane.ticks.remove(w.tick);
            w.tick = null;
        }
    }

    /** Queues the progress reads due for watches on events (their DescribeExecution calls are rare); next tick. */
    Instant progressTicks(Lane lane, Instant now) {
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

    EventCounts countEvents() {
        int onEvents = 0;
        int polling = 0;
        for (WatchState w : watcher.all) {
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

        private final int generation;

        Sink(int generation) {
            this.generation = generation;
        }

        @Override
        public CompletableFuture<Void> apply(List<StatusChangeEvent> events) {
            CompletableFuture<Void> applied = new CompletableFuture<>();
            if (watcher.closed) {
                applied.completeExceptionally(new IllegalStateException("The execution watcher is closed"));
                return applied;
            }
            try {
                watcher.loop.execute(() -> {
                    try {
                        applyEvents(events);
                        applied.complete(null);
                    } catch (Throwable t) {
                        applied.completeExceptionally(t);
                    } finally {
                        watcher.dispatchSafely();
                    }
                });
            } catch (RejectedExecutionException closing) {
                applied.completeExceptionally(closing);
            }
            return applied;
        }

        @Override
        public void available(boolean available, String why) {
            watcher.onLoop(() -> EventWaits.this.available(available, why));
        }

        @Override
        public void detached(String why) {
            watcher.onLoop(() -> {
                detach(generation);
                EventWaits.this.available(false, why);
            });
        }
    }
}
