package dev.warden.policy.audit;

import dev.warden.policy.anomaly.AnomalyAlert;
import dev.warden.policy.model.AuditConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The audit log: request threads hand events to a bounded queue and never wait; one daemon thread formats and
 * writes them. When the queue is full (the sink is slow or blocked) events are dropped and counted, and a line says how
 * many once the sink takes lines again. A sink that fails is reported (once per failure kind) and its lines dropped.
 */
public final class AuditLog implements AutoCloseable {

    /** Audit events and anomaly alerts, in the order they happened. */
    private final ArrayBlockingQueue<Object> queue;
    private final AuditSink sink;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final Consumer<String> warn;
    private final Thread writer;
    private volatile boolean closing;
    private long droppedReported;

    private AuditLog(AuditSink sink, int capacity, Consumer<String> warn) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.sink = sink;
        this.warn = warn;
        this.writer = new Thread(this::run, "warden-audit");
        this.writer.setDaemon(true);
    }

    /** Starts the log the policy asks for; {@code stdout} is the application's standard output; {@code warn} reports. */
    public static AuditLog start(AuditConfig config, PrintStream stdout, Consumer<String> warn) {
        AuditSink sink = config.file() == null ? new StdoutSink(stdout)
                : new RotatingFileSink(config.file(), config.maxBytes(), config.keep());
        return start(sink, config.queue(), warn);
    }

    static AuditLog start(AuditSink sink, int capacity, Consumer<String> warn) {
        AuditLog log = new AuditLog(sink, capacity, warn);
        log.writer.start();
        return log;
    }

    /** Queues an event; never blocks (the first drop is reported, on this thread, once). */
    public void record(AuditEvent event) {
        if (queue.offer(event)) return;
        if (dropped.getAndIncrement() == 0) {
            warn.accept("the audit log cannot keep up (its sink is slow or blocked): lines are dropped and counted, "
                    + "requests are not slowed");
        }
    }

    /** Queues an anomaly alert as a line of the log; never blocks (dropped and counted like an event when full). */
    public void alert(AnomalyAlert alert) {
        if (queue.offer(alert)) return;
        dropped.incrementAndGet();
    }

    /** Events dropped because the queue was full (or the sink failed), since start. */
    public long dropped() {
        return dropped.get();
    }

    /** Lines written, since start. */
    public long written() {
        return written.get();
    }

    private void run() {
        while (!closing || !queue.isEmpty()) {
            Object e;
            try {
                e = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ie) {
                if (closing) continue;
                Thread.currentThread().interrupt();
                return;
            }
            try {
                reportDrops();
                if (e != null) {
                    sink.write(e instanceof AnomalyAlert a ? AuditJson.alertLine(a) : AuditJson.line((AuditEvent) e));
                    written.incrementAndGet();
                }
                if (queue.isEmpty()) sink.flush();
            } catch (IOException | RuntimeException ex) {
                if (e != null) dropped.incrementAndGet();
                warn.accept("the audit log could not be written (" + ex.getClass().getSimpleName() + ": "
                        + ex.getMessage() + "); its lines are dropped and counted meanwhile");
            }
        }
        try {
            reportDrops();
            sink.close();
        } catch (IOException ex) {
            // closing at exit: nothing more to do
        }
    }

    /** A line for what was dropped since the last such line, so that the log itself shows its gaps. */
    private void reportDrops() throws IOException {
        long now = dropped.get();
        if (now == droppedReported) return;
        sink.write(AuditJson.droppedLine(Instant.now(), now - droppedReported));
        droppedReported = now;
    }

    /** Writes what is queued (waiting up to {@code millis}) and stops the writer. */
    public void close(long millis) {
        closing = true;
        try {
            writer.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(2_000);
    }
}
