package dev.warden.it;

/**
 * The JSON-B hook (JSON-P generators) on test-apps/undertow-jsonb: Yasson writing to Undertow's blocking output
 * stream, which Warden guards, and a generator the export creates on it; the /raw bytes, sent by Undertow's
 * non-blocking Sender, are masked on the wire by Warden's response conduit.
 */
class UndertowJsonbSerializerHookTest extends AbstractSerializerHookTest {
    @Override
    protected String appName() {
        return "undertow-jsonb";
    }

    @Override
    protected String ownJsonLibrary() {
        return "serializing with org.eclipse.yasson.internal.JsonBinding (yasson 3.";
    }
}
