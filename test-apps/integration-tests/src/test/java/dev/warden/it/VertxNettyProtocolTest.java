package dev.warden.it;

/** Netty protocol edges on test-apps/vertx (Vert.x, which accepts h2c upgrades and prior knowledge by default). */
class VertxNettyProtocolTest extends AbstractNettyProtocolTest {
    @Override
    protected String appName() {
        return "vertx";
    }

    @Override
    protected boolean speaksH2c() {
        return true;
    }
}
