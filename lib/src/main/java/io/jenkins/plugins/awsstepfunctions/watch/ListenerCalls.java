package io.jenkins.plugins.awsstepfunctions.watch;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * Calls the watches' listeners, and completes their results, off the watcher's loop: a listener that is slow or
 * blocks never holds the loop, another watch's calls for long, or its own result.
 *
 * <p>For each watch, listener calls and the completion run in the order they were queued, one at a time, on a small
 * pool. A completion queued behind a listener call that has not returned within {@link #COMPLETION_GRACE} is done
 * anyway, on a thread of its own, and the watch's later listener calls are dropped. A listener that throws
 * (anything, Errors included) is reported to {@code onListenerFailure} and hears nothing more.
 */
final class ListenerCalls {

    static final int THREADS = 4;
    static final Duration COMPLETION_GRACE = Duration.ofSeconds(5);

    /** The calls queued for one watch. */
    static final class Pending {
        private final Queue<Call> calls = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean draining = new AtomicBoolean();
        private volatile boolean silenced;
        /** What the listener threw, if it did: the watch then ends with it, whatever it saw. */
        private volatile Throwable listenerFailure;
    }

    private record Call(Runnable body, boolean completion) {}

    private final ThreadPoolExecutor pool;
    private final ExecutorService overdue;
    private final ScheduledExecutorService timer;
    private final BiConsumer<WatchState, Throwable> onListenerFailure;

    /**
     * @param overdue runs completions whose listener calls are overdue
     * @param timer schedules the check for overdue completions; it must remove cancelled tasks
     */
    ListenerCalls(
            ThreadFactory threads,
            ExecutorService overdue,
            ScheduledExecutorService timer,
            BiConsumer<WatchState, Throwable> onListenerFailure) {
        this.pool =
                new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        this.pool.allowCoreThreadTimeOut(true);
        this.overdue = overdue;
        this.timer = timer;
        this.onListenerFailure = onListenerFailure;
    }

    /** Queues a call to the watch's listener. */
    void call(WatchState w, Runnable listenerCall) {
        Pending pending = w.pending;
        if (w.listener == WatchListener.NONE || pending.silenced) {
            return;
        }
        pending.calls.add(new Call(
                () -> {
                    if (pending.silenced || w.future.isDone()) {
                        return;
                    }
                    try {
                        listenerCall.run();
                    } catch (Throwable t) {
                        pending.silenced = true;
                        pending.listenerFailure = t;
                        onListenerFailure.accept(w, t);
                    }
                },
                false));
        drain(pending);
    }

    /**
     * Completes the watch's result (with {@code result}, or with {@code error} when not null) after the listener
     * calls queued before it, or after the grace at the latest. If one of those calls threw, the watch fails with it.
     */
    void complete(WatchState w, WatchResult result, Throwable error) {
        Pending pending = w.pending;
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<ScheduledFuture<?>> overdueCheck = new AtomicReference<>();
        Runnable once = () -> {
            if (done.compareAndSet(false, true)) {
                ScheduledFuture<?> check = overdueCheck.getAndSet(null);
                if (check != null) {
                    check.cancel(false);
                }
                Throwable listenerFailure = pending.listenerFailure;
                if (listenerFailure != null && !(error instanceof WatchFailedException)) {
                    w.future.completeExceptionally(new WatchFailedException(
                            w.request.execution().toString(), "its listener", listenerFailure));
                } else if (error != null) {
                    w.future.completeExceptionally(error);
                } else {
                    w.future.complete(result);
                }
            }
        };
        pending.calls.add(new Call(once, true));
        drain(pending);
        if (done.get()) {
            return;
        }
        try {
            overdueCheck.set(timer.schedule(
                    () -> {
                        if (!done.get()) {
                            pending.silenced = true;
                            CompletableFuture.runAsync(once, overdue);
                        }
                    },
                    COMPLETION_GRACE.toMillis(),
                    TimeUnit.MILLISECONDS));
            if (done.get()) {
                ScheduledFuture<?> check = overdueCheck.getAndSet(null);
                if (check != null) {
                    check.cancel(false);
                }
            }
        } catch (RejectedExecutionException closing) {
            once.run();
        }
    }

    private void drain(Pending pending) {
        if (!pending.draining.compareAndSet(false, true)) {
            return;
        }
        try {
            pool.execute(() -> {
                try {
                    Call next;
                    while ((next = pending.calls.poll()) != null) {
                        next.body().run();
                    }
                } finally {
                    pending.draining.set(false);
                    if (!pending.calls.isEmpty()) {
                        drain(pending);
                    }
                }
            });
        } catch (RejectedExecutionException closing) {
            // Closing: listeners hear nothing more, completions still happen (here, never blocked by a listener).
            pending.silenced = true;
            pending.draining.set(false);
            Call next;
            while ((next = pending.calls.poll()) != null) {
                if (next.completion()) {
                    next.body().run();
                }
            }
        }
    }

    void shutdownNow() {
        pool.shutdownNow();
    }

    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return pool.awaitTermination(timeout, unit);
    }
}
