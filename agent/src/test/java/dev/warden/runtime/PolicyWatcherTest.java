package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher's polls, driven by hand: what it reports for edits, replacements, half-written files, deletions. */
class PolicyWatcherTest {

    @TempDir
    Path dir;
    private Path file;
    private final List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
    private PolicyWatcher watcher;

    private final PolicyWatcher.Listener recorder = new PolicyWatcher.Listener() {
        @Override
        public void changed(byte[] content) {
            events.add("changed:" + new String(content, StandardCharsets.UTF_8));
        }

        @Override
        public void unavailable(String why) {
            events.add("unavailable:" + why);
        }

        @Override
        public void available() {
            events.add("available");
        }
    };

    @BeforeEach
    void start() throws IOException {
        file = dir.resolve("policy.yaml");
        Files.writeString(file, "v1");
        PolicyFile policyFile = new PolicyFile(file);
        watcher = new PolicyWatcher(policyFile, policyFile.current(), recorder);
    }

    private void polls(int n) {
        for (int i = 0; i < n; i++) watcher.poll();
    }

    @Test
    void anUnchangedFileReportsNothing() {
        polls(3 * PolicyWatcher.REREAD_EVERY);
        assertEquals(List.of(), events);
    }

    @Test
    void anEditIsHandedOverOnceItReadsTheSameAtTwoPolls() throws IOException {
        Files.writeString(file, "v2 longer");
        watcher.poll();
        assertEquals(List.of(), events, "seen once: maybe still being written");
        watcher.poll();
        assertEquals(List.of("changed:v2 longer"), events);
        polls(3 * PolicyWatcher.REREAD_EVERY);
        assertEquals(1, events.size(), "handed over once: " + events);
    }

    @Test
    void aHalfWrittenFileIsNeverHandedOver() throws IOException {
        Files.writeString(file, "version: 1\nrou");
        watcher.poll();
        Files.writeString(file, "version: 1\nroutes: []\n");
        watcher.poll();
        assertEquals(List.of(), events, "each content seen once so far");
        watcher.poll();
        assertEquals(List.of("changed:version: 1\nroutes: []\n"), events);
    }

    @Test
    void aFileReplacedByRenameIsSeen() throws IOException {
        Path tmp = dir.resolve(".policy.yaml.swp");
        Files.writeString(tmp, "v2");
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        polls(2);
        assertEquals(List.of("changed:v2"), events);
    }

    @Test
    void aSameSizeEditThatKeepsTheTimestampIsSeenAtTheNextFullRead() throws IOException {
        FileTime before = Files.getLastModifiedTime(file);
        Files.writeString(file, "v9");
        Files.setLastModifiedTime(file, before); // what a coarse timestamp resolution looks like
        polls(PolicyWatcher.REREAD_EVERY + 1);
        assertEquals(List.of("changed:v9"), events);
    }

    @Test
    void touchingTheFileWithoutChangingItReportsNothing() throws IOException {
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        polls(3);
        assertEquals(List.of(), events);
    }

    @Test
    void aDeletedFileIsReportedOnceAndItsReturnAfterwards() throws IOException {
        Files.delete(file);
        polls(10);
        assertEquals(List.of("unavailable:the file is gone"), events);
        Files.writeString(file, "v1");
        polls(3);
        assertEquals(List.of("unavailable:the file is gone", "available"), events, "back unchanged: nothing to load");
        Files.delete(file);
        polls(2);
        Files.writeString(file, "v3");
        polls(2);
        assertEquals(List.of("unavailable:the file is gone", "available", "unavailable:the file is gone", "available",
                "changed:v3"), events);
    }

    @Test
    void aDirectoryInPlaceOfTheFileIsUnavailable() throws IOException {
        Files.delete(file);
        Files.createDirectory(file);
        polls(3);
        assertEquals(List.of("unavailable:not a regular file"), events);
    }

    @Test
    void revertingToTheLoadedVersionBeforeItSettledReportsNothing() throws IOException {
        Files.writeString(file, "v2");
        watcher.poll();
        Files.writeString(file, "v1");
        polls(3);
        assertEquals(List.of(), events);
    }

    @Test
    void theThreadPollsUntilInterrupted() throws Exception {
        List<Long> ticks = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread t = watcher.start(() -> ticks.add(System.nanoTime()));
        try {
            Files.writeString(file, "v2");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (events.isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
            assertEquals("changed:v2", events.get(0));
            assertEquals(true, t.isDaemon());
            assertEquals(true, ticks.size() >= 2);
        } finally {
            t.interrupt();
            t.join(5_000);
        }
        assertEquals(false, t.isAlive());
    }
}
