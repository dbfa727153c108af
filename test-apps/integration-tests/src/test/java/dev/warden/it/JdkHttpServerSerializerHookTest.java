package dev.warden.it;

/** The Jackson 3 hook on test-apps/jdk-httpserver: the JDK server's guarded body is found by the generator factory. */
class JdkHttpServerSerializerHookTest extends AbstractSerializerHookTest {
    @Override
    protected String appName() {
        return "jdk-httpserver";
    }

    @Override
    protected String ownJsonLibrary() {
        return "serializing with tools.jackson.databind.json.JsonMapper (jackson-databind 3.";
    }
}
