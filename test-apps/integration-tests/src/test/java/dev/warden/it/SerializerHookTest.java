package dev.warden.it;

/** The Jackson 2 hook, on test-apps/spring-mvc. */
class SerializerHookTest extends AbstractSerializerHookTest {
    @Override
    protected String appName() {
        return "spring-mvc";
    }

    @Override
    protected String ownJsonLibrary() {
        return "with com.fasterxml.jackson.databind.ObjectMapper (jackson-databind 2.";
    }
}
