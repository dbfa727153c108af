package dev.warden.it;

/** The Jackson 2 hook (on Boot 2.7's Jackson 2.13) through the javax.servlet response, on test-apps/legacy-javax. */
class LegacyJavaxSerializerHookTest extends AbstractSerializerHookTest {
    @Override
    protected String appName() {
        return "legacy-javax";
    }

    @Override
    protected String ownJsonLibrary() {
        return "with com.fasterxml.jackson.databind.ObjectMapper (jackson-databind 2.";
    }
}
