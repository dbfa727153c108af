package dev.warden.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The shared fail-closed body logic, against a recording outlet and a stand-in masking engine. */
class HeldBodyTest {

    /** The server side: records what reaches the client, how often the body was opened and withheld. */
    private static final class RecordingOutlet implements BodyOutlet {
        final CountingStream server = new CountingStream();
        final boolean json;
        Engine engine;
        int opened;
        int withheld;

        RecordingOutlet(boolean json) {
            this.json = json;
        }

        @Override
        public OutputStream openBody() {
            opened++;
            if (!json) return server;
            engine = new Engine(server);
            return engine;
        }

        @Override
        public boolean masks(OutputStream opened) {
            return opened != server;
        }

        @Override
        public void withholdBody() {
            withheld++;
        }
    }

    /** The client's view of the server stream: bytes and flushes that got out. */
    private static final class CountingStream extends ByteArrayOutputStream {
        int flushes;

        @Override
        public void flush() {
            flushes++;
        }

        String text() {
            return toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * Upper-cases what it passes on ("masks"), and refuses the body at a '!' (as the real engine does for non-JSON)
     * or, when told, at its end (as for truncated JSON).
     */
    private static final class Engine extends OutputStream {
        private final OutputStream out;
        int closes;
        boolean refuseAtEnd;

        Engine(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            if (b == '!') throw new WithheldBodyException("not JSON");
            out.write(Character.toUpperCase(b));
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            closes++;
            if (refuseAtEnd) throw new WithheldBodyException("truncated JSON");
        }
    }

    private static void write(HeldBody body, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        body.write(bytes, 0, bytes.length);
    }

    @Test
    void anUnmaskedBodyPassesStraightThroughAndIsNotHeld() throws IOException {
        RecordingOutlet outlet = new RecordingOutlet(false);
        HeldBody body = new HeldBody(outlet);
        write(body, "plain");
        body.flush();
        body.finish();
        assertEquals("plain", outlet.server.text());
        assertEquals(1, outlet.server.flushes);
        assertFalse(body.isMasked());
        assertEquals(1, outlet.opened);
    }

    @Test
    void theBodyIsOpenedAtItsFirstByteOnlyAndOnce() throws IOException {
        RecordingOutlet outlet = new RecordingOutlet(true);
        HeldBody body = new HeldBody(outlet);
        assertEquals(0, outlet.opened);
        assertFalse(body.holding(), "nothing is held before the body is opened");
        body.write('a');
        write(body, "bc");
        assertEquals(1, outlet.opened);
        assertTrue(body.isMasked());
        assertEquals("ABC", outlet.server.text());
    }

    @Test
    void flushesOfAMaskedBodyWaitForHoldBytesOrItsEnd() throws IOException {
        RecordingOutlet outlet = new RecordingOutlet(true);
        HeldBody body = new HeldBody(outlet);
        write(body, "a".repeat(HeldBody.HOLD_BYTES - 1));
        body.flush();
        assertTrue(body.holding());
        assertEquals(0, outlet.server.flushes);
        body.write('a');
        assertFalse(body.holding());
        body.flush();
        assertEquals(1, outlet.server.flushes);

        RecordingOutlet shortOne = new RecordingOutlet(true);
        HeldBody ended = new HeldBody(shortOne);
        write(ended, "{}");
        ended.finish();
        assertFalse(ended.holding(), "the end of the body commits it");
        ended.flush();
        assertEquals(1, shortOne.server.flushes);
    }

    @Test
    void finishClosesTheMaskingEngineOnce() throws IOException {
        RecordingOutlet outlet = new RecordingOutlet(true);
        HeldBody body = new HeldBody(outlet);
        write(body, "x");
        body.finish();
        body.finish();
        assertEquals(1, outlet.engine.closes);
        assertTrue(body.isFinished());
    }

    @Test
    void anEmptyBodyIsOpenedAtItsEnd() throws IOException {
        RecordingOutlet outlet = new RecordingOutlet(true);
        HeldBody body = new HeldBody(outlet);
        body.finish();
        assertEquals(1, outlet.opened);
        assertEquals(1, outlet.engine.closes);
    }

    @Test
    void aRefusedBodyIsWithheldOnceAndEverythingAfterIsDropped() throws IOException {
        RecordingOutlet outlet = new RecordingOutlet(true);
        HeldBody body = new HeldBody(outlet);
        write(body, "ok!");
        assertTrue(body.isWithheld());
        assertEquals(1, outlet.withheld);
        write(body, "more");
        body.write('!');
        body.flush();
        body.finish();
        assertEquals("OK", outlet.server.text(), "nothing after the refusal got out");
        assertEquals(0, outlet.server.flushes);
        assertEquals(0, outlet.engine.closes, "a withheld body is not ended by the engine");
        assertEquals(1, outlet.withheld);
    }

    @Test
    void aBodyRefusedAtItsEndIsWithheld() throws IOException {
        RecordingOutlet outlet = new RecordingOutlet(true);
        HeldBody body = new HeldBody(outlet);
        write(body, "{");
        outlet.engine.refuseAtEnd = true;
        body.finish();
        assertTrue(body.isWithheld());
        assertEquals(1, outlet.withheld);
    }

    @Test
    void aRestartedBodyIsDecidedAgain() throws IOException {
        RecordingOutlet outlet = new RecordingOutlet(true);
        HeldBody body = new HeldBody(outlet);
        body.write('!');
        assertTrue(body.isWithheld());
        body.restart();
        assertFalse(body.isWithheld());
        assertFalse(body.isFinished());
        write(body, "ok");
        assertEquals(2, outlet.opened);
        assertArrayEquals("OK".getBytes(StandardCharsets.UTF_8), outlet.server.toByteArray());
    }

    @Test
    void aRestartedBodyIsHeldFromItsOwnFirstByte() throws IOException {
        RecordingOutlet outlet = new RecordingOutlet(true);
        HeldBody body = new HeldBody(outlet);
        write(body, "a".repeat(HeldBody.HOLD_BYTES)); // past the hold: this body would be committed by a flush
        assertFalse(body.holding());
        body.restart(); // the application reset the uncommitted response
        write(body, "b");
        body.flush();
        assertTrue(body.holding(), "a new body is held again, so it can still be answered with a 502");
        assertEquals(0, outlet.server.flushes);
    }
}
