package dev.warden.it;

/** The Gson hook, on test-apps/jetty-gson (Jetty 12, plain servlets, {@code gson.toJson(object, response.getWriter())}). */
class GsonSerializerHookTest extends AbstractSerializerHookTest {
    @Override
    protected String appName() {
        return "jetty-gson";
    }

    @Override
    protected String ownJsonLibrary() {
        return "serializing with com.google.gson.Gson (gson 2.";
    }
}
