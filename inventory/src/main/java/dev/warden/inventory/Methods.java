package dev.warden.inventory;

import java.util.List;
import java.util.Locale;

/** HTTP methods as OpenAPI knows them. */
final class Methods {

    /** The methods an OpenAPI path item has operations for, in the order documents list them. */
    static final List<String> OPENAPI = List.of("GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE");

    private Methods() {
    }

    static boolean openApi(String method) {
        return OPENAPI.contains(method);
    }

    /** Sort order: OpenAPI's methods first, in its order, then the others by name. */
    static String order(String method) {
        int i = OPENAPI.indexOf(method);
        return i >= 0 ? "0" + i : "1" + method.toLowerCase(Locale.ROOT);
    }
}
