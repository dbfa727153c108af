package dev.warden.policy.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static AuditEvent event(int i) {
        // every line the same length (3-digit millis, 4-digit latency), so that a file holds a known number of lines
        return new AuditEvent(Instant.parse("2026-11-28T10:00:00.100Z").plusMillis(i), "reader", List.of("apiKey"), "127.0.0.1",
                "GET", "customers", "/api/customers/{id}", 200, "allow", Map.of("$..ssn remove", 1), Set.of("email"), 1000 + i);
    }

    @Test
    void aLineHasEveryFieldInOrderAndNothingElse() throws IOException {
        JsonNode line = JSON.readTree(AuditJson.line(event(0)));
        List<String> names = new ArrayList<>();
        line.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("time", "consumer", "auth", "clientIp", "method", "route", "path", "status", "decision",
                "masked", "clear", "latencyUs"), names);
        assertEquals("2026-11-28T10:00:00.100Z", line.get("time").asText());
        assertEquals("apiKey", line.get("auth").get(0).asText());
        assertEquals(1, line.get("masked").get("$..ssn remove").asInt());
        assertEquals(1000, line.get("latencyUs").asLong());
        assertEquals("email", line.get("clear").get(0).asText());
        assertTrue(!AuditJson.line(event(0)).contains("\n"));
    }

    @Test
    void writesToAFileAndRotatesKeepingTheNewest() throws Exception {
        Path file = dir.resolve("logs/audit.jsonl");
        int lineBytes = AuditJson.line(event(0)).length() + 1;
        try (AuditLog log = AuditLog.start(new RotatingFileSink(file, lineBytes * 10L, 2), 1000, w -> { })) {
            for (int i = 0; i < 35; i++) log.record(event(i));
            log.close(5_000);
            assertEquals(35, log.written());
            assertEquals(0, log.dropped());
        }
        assertEquals(List.of(30, 31, 32, 33, 34), latencies(file).stream().map(l -> (int) (l - 1000)).toList());
        assertEquals(10, latencies(dir.resolve("logs/audit.jsonl.1")).size());
        assertEquals(10, latencies(dir.resolve("logs/audit.jsonl.2")).size());
        assertTrue(!Files.exists(dir.resolve("logs/audit.jsonl.3")), "keep: 2");
    }

    private static List<Long> latencies(Path file) throws IOException {
        List<Long> out = new ArrayList<>();
        for (String l : Files.readAllLines(file)) out.add(JSON.readTree(l).get("latencyUs").asLong());
        return out;
    }

    @Test
    @Timeout(20)
    void aBlockedSinkNeverBlocksRecordingDropsAreCountedAndThenLogged() throws Exception {
        CountDownLatch unblock = new CountDownLatch(1);
        List<String> lines = new CopyOnWriteArrayList<>();
        List<String> warnings = new CopyOnWriteArrayList<>();
        AuditSink blocked = new AuditSink() {
            public void write(String line) throws IOException {
                try {
                    unblock.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                lines.add(line);
            }
            public void flush() { }
            public void close() { }
        };
        AuditLog log = AuditLog.start(blocked, 16, warnings::add);
        long t0 = System.nanoTime();
        for (int i = 0; i < 1000; i++) log.record(event(i));
        long elapsed = System.nanoTime() - t0;
        assertTrue(Duration.ofNanos(elapsed).toSeconds() < 5, "recording waited for the sink");
        long dropped = log.dropped();
        assertTrue(dropped >= 1000 - 16 - 1, "dropped " + dropped);
        assertEquals(1, warnings.size(), warnings.toString());
        unblock.countDown();
        log.close(5_000);
        long reported = 0;
        for (String l : lines) {
            if (l.contains("\"event\":\"audit_dropped\"")) reported += JSON.readTree(l).get("dropped").asLong();
        }
        assertEquals(dropped, reported, "the drop lines add up to what was dropped");
        assertEquals(1000 - dropped, lines.stream().filter(l -> l.contains("\"decision\"")).count());
    }
}
