package dev.warden.it;

/** Fail-closed bodies on test-apps/vertx (Vert.x: responses Vert.x assembles itself, through Warden's Netty pipeline handler). */
class VertxFailClosedTest extends AbstractFailClosedTest {
    @Override
    protected String appName() {
        return "vertx";
    }
}
