package io.jenkins.plugins.awsstepfunctions.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Long-polls one SQS queue with a fixed number of threads ({@link EventQueueSettings#receivers()}), whatever the
 * number of waits: each receives up to 10 messages, hands the status changes to the sink and deletes the messages
 * once the sink applied them. Messages that are not status changes, or cannot be read, are deleted and counted.
 * Failing receives back off (1 s doubling to 30 s) and, from the third in a row, tell the sink that events are not
 * available, so waits poll again until a receive succeeds.
 */
public final class StatusChangeQueue implements AutoCloseable {

    static final int FAILURES_BEFORE_UNAVAILABLE = 3;
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** How long the sink may take to apply a batch before its messages are left for the next receive. */
    static final Duration APPLY_TIMEOUT = Duration.ofSeconds(60);

    private static final Duration CALL_MARGIN = Duration.ofSeconds(15);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final SqsClient sqs;
    private final EventQueueSettings settings;
    private final StatusChangeSink sink;
    private final Duration firstBackoff;
    private final Clock clock;
    private final List<Thread> threads = new ArrayList<>();

    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong statusChanges = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong receiveCalls = new AtomicLong();
    private final AtomicLong deleteCalls = new AtomicLong();
    private final AtomicLong failedReceives = new AtomicLong();

    private volatile Instant lastReceive;
    private volatile String lastProblem;
    private volatile boolean closed;
    /** Guarded by {@code this}: what the sink was last told, and the failures in a row since the last success. */
    private Boolean told;

    private int failuresInARow;

    public StatusChangeQueue(SqsClient sqs, EventQueueSettings settings, StatusChangeSink sink) {
        this(sqs, settings, sink, Duration.ofSeconds(1), Clock.systemUTC());
    }

    StatusChangeQueue(
            SqsClient sqs, EventQueueSettings settings, StatusChangeSink sink, Duration firstBackoff, Clock clock) {
        this.sqs = sqs;
        this.settings = settings;
        this.sink = sink;
        this.firstBackoff = firstBackoff;
        this.clock = clock;
    }

    /** Starts the receivers; events are not relied on until the first receive succeeds. */
    public synchronized StatusChangeQueue start() {
        if (closed || !threads.isEmpty()) {
            throw new IllegalStateException("The event queue reader was already started");
        }
        for (int i = 1; i <= settings.receivers(); i++) {
            Thread thread = new Thread(this::receiveUntilClosed, "sfn-events-receiver-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        return this;
    }

    public EventQueueSettings settings() {
        return settings;
    }

    public QueueStats stats() {
        Boolean available;
        synchronized (this) {
            available = told;
        }
        return new QueueStats(
                Boolean.TRUE.equals(available),
                messages.get(),
                statusChanges.get(),
                ignored.get(),
                malformed.get(),
                deleted.get(),
                receiveCalls.get(),
                deleteCalls.get(),
                failedReceives.get(),
                Optional.ofNullable(lastReceive),
                Optional.ofNullable(lastProblem));
    }

    /** Stops receiving (bounded: a receive in flight is interrupted) and tells the sink to rely on polling. */
    @Override
    public void close() {
        List<Thread> running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = List.copyOf(threads);
        }
        running.forEach(Thread::interrupt);
        long until = System.nanoTime() + CLOSE_WAIT.toNanos();
        for (Thread thread : running) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        sink.detached("The event queue " + settings + " is no longer read; waits poll.");
    }

    private void receiveUntilClosed() {
        Duration backoff = firstBackoff;
        while (!closed) {
            ReceiveMessageResponse answer;
            try {
                receiveCalls.incrementAndGet();
                answer = sqs.receiveMessage(b -> b.queueUrl(settings.queueUrl().toString())
                        .maxNumberOfMessages(10)
                        .waitTimeSeconds((int) settings.waitTime().toSeconds())
                        .overrideConfiguration(o -> o.apiCallAttemptTimeout(
                                        settings.waitTime().plus(CALL_MARGIN))
                                .apiCallTimeout(
                                        settings.waitTime().plus(CALL_MARGIN).multipliedBy(3))));
            } catch (SdkException | IllegalStateException e) {
                if (closed) {
                    return;
                }
                failedReceives.incrementAndGet();
                failed(QueueErrors.explain("ReceiveMessage", settings.toString(), sdk(e)));
                if (!sleep(backoff)) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                continue;
            }
            backoff = firstBackoff;
            lastReceive = clock.instant();
            succeeded();
            if (answer.hasMessages() && !answer.messages().isEmpty()) {
                handle(answer.messages());
            }
        }
    }

    private static SdkException sdk(RuntimeException e) {
        return e instanceof SdkException sdk
                ? sdk
                : software.amazon.awssdk.core.exception.SdkClientException.create(e.getMessage(), e);
    }

    private void handle(List<Message> received) {
        messages.addAndGet(received.size());
        List<StatusChangeEvent> events = new ArrayList<>();
        List<Message> eventMessages = new ArrayList<>();
        List<Message> setAside = new ArrayList<>();
        for (Message message : received) {
            try {
                Optional<StatusChangeEvent> event = StatusChangeEvents.parse(message.body());
                if (event.isPresent()) {
                    events.add(event.get());
                    eventMessages.add(message);
                } else {
                    ignored.incrementAndGet();
                    setAside.add(message);
                }
            } catch (MalformedEventException e) {
                malformed.incrementAndGet();
                lastProblem = "Message " + message.messageId() + " was deleted unread: " + e.getMessage();
                setAside.add(message);
            }
        }
        statusChanges.addAndGet(events.size());
        List<Message> toDelete = new ArrayList<>(setAside);
        if (!events.isEmpty() && applied(events)) {
            toDelete.addAll(eventMessages);
        }
        delete(toDelete);
    }

    private boolean applied(List<StatusChangeEvent> events) {
        try {
            sink.apply(List.copyOf(events)).get(APPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // Not deleted: the messages come back after the visibility timeout.
            return false;
        }
    }

    private void delete(List<Message> done) {
        if (done.isEmpty()) {
            return;
        }
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < done.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .receiptHandle(done.get(i).receiptHandle())
                    .build());
        }
        try {
            deleteCalls.incrementAndGet();
            int failed = sqs.deleteMessageBatch(
                            b -> b.queueUrl(settings.queueUrl().toString()).entries(entries))
                    .failed()
                    .size();
            deleted.addAndGet(entries.size() - failed);
            if (failed > 0) {
                lastProblem = failed + " messages could not be deleted; they will be received again and ignored.";
            }
        } catch (SdkException | IllegalStateException e) {
            // Received again after the visibility timeout; applying an event twice changes nothing.
            lastProblem = QueueErrors.explain("DeleteMessageBatch", settings.toString(), sdk(e));
        }
    }

    /** The sink hears it before {@link #stats()} says it (the sink only queues it, so the lock is held briefly). */
    private synchronized void succeeded() {
        failuresInARow = 0;
        if (!Boolean.TRUE.equals(told) && !closed) {
            sink.available(true, "Status-change events are read from " + settings + ".");
            told = true;
        }
    }

    private synchronized void failed(String why) {
        lastProblem = why;
        failuresInARow++;
        if (failuresInARow >= FAILURES_BEFORE_UNAVAILABLE && !Boolean.FALSE.equals(told) && !closed) {
            sink.available(false, why + " Waits poll until the queue can be read again.");
            told = false;
        }
    }

    private boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
