package dev.warden.testapp.vertx;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The routes of one path, declared the usual Vert.x Web way ({@code router.get(path).handler(...)}), plus what
 * spring-mvc does on top and Vert.x Web does not: GET also serves HEAD (Vert.x's server then sends the headers without
 * the body), OPTIONS answers 200 with {@code Allow}, and any other method (TRACE included) is 405 with {@code Allow}
 * and the usual error body. Call {@link #others()} after the path's methods: Vert.x tries routes in the order they
 * were added.
 */
final class PathRoutes {

    private final Router router;
    private final String path;
    private final Set<HttpMethod> methods = new LinkedHashSet<>();

    private PathRoutes(Router router, String path) {
        this.router = router;
        this.path = path;
    }

    static PathRoutes on(Router router, String path) {
        return new PathRoutes(router, path);
    }

    /** GET and HEAD. */
    PathRoutes get(Handler<RoutingContext> handler) {
        router.get(path).method(HttpMethod.HEAD).handler(handler);
        methods.add(HttpMethod.GET);
        methods.add(HttpMethod.HEAD);
        return this;
    }

    /** POST, with the request body read in full first (as Spring's {@code @RequestBody}). */
    PathRoutes post(Handler<RoutingContext> handler) {
        router.post(path).handler(BodyHandler.create(false)).handler(handler);
        methods.add(HttpMethod.POST);
        return this;
    }

    /** OPTIONS and the methods this path does not serve, for everything declared above. */
    void others() {
        methods.add(HttpMethod.OPTIONS);
        String allow = allowHeader(methods);
        router.route(path).handler(ctx -> {
            ctx.response().putHeader(HttpHeaders.ALLOW, allow);
            if (ctx.request().method() == HttpMethod.OPTIONS) {
                ctx.response().end();
            } else {
                ctx.fail(405);
            }
        });
    }

    /** Always in the same order, as spring-mvc and the other test apps list them. */
    private static String allowHeader(Set<HttpMethod> methods) {
        List<String> allow = new ArrayList<>();
        for (HttpMethod m : List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
                HttpMethod.DELETE, HttpMethod.OPTIONS)) {
            if (methods.contains(m)) {
                allow.add(m.name());
            }
        }
        return String.join(",", allow);
    }
}
