package dev.warden.testapp.vertx;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * The application: an HTTP server whose requests go to a Vert.x Web {@link Router} with the customer API, the health
 * probe, the admin stats and the debug endpoints. Every handler runs on this verticle's event loop; nothing in them
 * blocks (the slow endpoint uses a timer, large bodies are streamed with back-pressure).
 */
final class ApiVerticle extends VerticleBase {

    private final String host;
    private final int port;
    private final HandledCounter handled;
    private final CustomerStore store;
    private HttpServer server;

    ApiVerticle(String host, int port, HandledCounter handled, CustomerStore store) {
        this.host = host;
        this.port = port;
        this.handled = handled;
        this.store = store;
    }

    @Override
    public Future<?> start() {
        server = vertx.createHttpServer().requestHandler(router());
        return server.listen(port, host);
    }

    /** The port actually listened on, once started. */
    int actualPort() {
        return server.actualPort();
    }

    private Router router() {
        Router router = Router.router(vertx);
        CustomerHandlers customers = new CustomerHandlers(handled, store);
        SlowHandlers slow = new SlowHandlers(vertx, handled);

        PathRoutes.on(router, "/health").get(new HealthHandler(handled)).others();
        PathRoutes.on(router, "/api/admin/stats").get(new AdminStatsHandler(handled, store)).others();

        PathRoutes.on(router, CustomerHandlers.PATH).get(customers::list).post(customers::create).others();
        // The literal /export first: it wins over :id, as in spring-mvc.
        PathRoutes.on(router, CustomerHandlers.PATH + "/export").get(customers::export).others();
        PathRoutes.on(router, CustomerHandlers.PATH + "/:id").get(customers::get).others();
        PathRoutes.on(router, CustomerHandlers.PATH + "/:id/raw").get(customers::raw).others();

        PathRoutes.on(router, "/api/debug/headers").get(new DebugHeadersHandler(handled)).others();
        PathRoutes.on(router, "/api/debug/slow").get(slow::slow).others();
        PathRoutes.on(router, "/api/debug/concurrency").get(slow::concurrency).others();
        PathRoutes.on(router, "/api/debug/echo").post(new EchoHandler(handled)).others();
        PathRoutes.on(router, "/api/debug/big").get(new BigBodyHandler(handled)).others();

        ErrorResponses.install(router);   // 404 for paths nobody serves, and every other error status
        return router;
    }
}
