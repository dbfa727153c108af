package dev.warden.testapp.vertx;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.List;

/**
 * Query parameters as the handlers take them, the way Spring's {@code @RequestParam(defaultValue = ...)} does: the
 * first value, the default when absent or empty, and a value that is not what the handler takes answered 400 before
 * the handler does anything (Vert.x Web turns the thrown {@link HttpException} into its 400 error handler).
 */
final class QueryParams {

    private QueryParams() {
    }

    static long longParam(RoutingContext ctx, String name, long fallback) {
        String value = first(ctx, name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new HttpException(400, name + " must be a whole number");
        }
    }

    static int intParam(RoutingContext ctx, String name, int fallback) {
        long value = longParam(ctx, name, fallback);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new HttpException(400, name + " is out of range");
        }
        return (int) value;
    }

    static String stringParam(RoutingContext ctx, String name, String fallback) {
        String value = first(ctx, name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static String first(RoutingContext ctx, String name) {
        List<String> values = ctx.queryParam(name);
        return values.isEmpty() ? null : values.get(0);
    }
}
