package dev.warden.it;

/** The Jackson 3 hook, on test-apps/spring-mvc-jackson3 (Spring Boot 4's default JSON stack). */
class Jackson3SerializerHookTest extends AbstractSerializerHookTest {
    @Override
    protected String appName() {
        return "spring-mvc-jackson3";
    }

    @Override
    protected String ownJsonLibrary() {
        return "with tools.jackson.databind.json.JsonMapper (jackson-databind 3.";
    }
}
