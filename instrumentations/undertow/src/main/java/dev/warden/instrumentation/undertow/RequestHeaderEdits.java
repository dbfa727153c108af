package dev.warden.instrumentation.undertow;

import dev.warden.bootstrap.RequestScope;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Warden's request header changes, made on the exchange's own header map before any handler runs: hidden
 * credentials and client-sent identity headers removed, the forwarded identity added. Undertow's header map compares
 * names case-insensitively, as HTTP does.
 */
final class RequestHeaderEdits {

    private RequestHeaderEdits() {
    }

    static void apply(HeaderMap headers, RequestScope scope) {
        String[] remove = scope.removedRequestHeaders();
        String prefix = scope.strippedRequestHeaderPrefix();
        String[] add = scope.addedRequestHeaders();
        for (String name : remove) headers.remove(name);
        if (prefix != null) {
            String strip = prefix.toLowerCase(Locale.ROOT);
            List<HttpString> stripped = new ArrayList<>();
            for (HttpString name : headers.getHeaderNames()) {
                if (name.toString().toLowerCase(Locale.ROOT).startsWith(strip)) stripped.add(name);
            }
            for (HttpString name : stripped) headers.remove(name);
        }
        for (int i = 0; i + 1 < add.length; i += 2) headers.remove(add[i]);
        for (int i = 0; i + 1 < add.length; i += 2) headers.add(new HttpString(add[i]), add[i + 1]);
    }
}
