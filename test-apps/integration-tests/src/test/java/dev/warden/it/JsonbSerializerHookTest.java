package dev.warden.it;

import java.util.List;

/**
 * The JSON-B hook (JSON-P generators), on test-apps/jetty-gson's {@code serializer=jsonb} variant: Yasson writing
 * the fixture to the response's output stream, and to its writer.
 */
class JsonbSerializerHookTest extends AbstractSerializerHookTest {
    @Override
    protected String appName() {
        return "jetty-gson";
    }

    @Override
    protected String ownJsonLibrary() {
        return "serializing with com.google.gson.Gson";
    }

    @Override
    protected List<String> serializedPaths() {
        return List.of("/api/customers?serializer=jsonb");
    }

    @Override
    protected String handMadePath() {
        return "/api/customers?serializer=jsonb-writer";
    }
}
