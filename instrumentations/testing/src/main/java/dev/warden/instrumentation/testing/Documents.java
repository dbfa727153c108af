package dev.warden.instrumentation.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generated inputs for the differential tests: JSON documents as plain Java values (LinkedHashMap, List, String,
 * Long, Double, Boolean, null) that any serializer writes without configuration — with the names rules care about,
 * free text holding card numbers, e-mails and IBANs, unicode and escapes, nesting — and rule sets in the policy's
 * own syntax.
 */
public final class Documents {

    private Documents() {
    }

    static final List<String> NAMES = List.of("ssn", "SSN", "email", "card", "number", "notes", "id", "name",
            "password", "userPassword", "city", "tags", "x", "é-ü", "a\"b", "new\nline", "<html>");
    static final List<String> TEXTS = List.of("", "plain", "4111 1111 1111 1111", "pay 5500-0055-5555-5559 now",
            "ada@example.com", "mail grace@example.net or ada@example.com", "GB82 WEST 1234 5698 7654 32",
            "123-45-6789", "+44 20 7946 0958", "ORD-2026-000123", "tab\tand\\slash", "ünïcödé ✓ 𝄞", "\u0000\u001f",
            "a=b&c<d>'e'", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJlLWJ5dGVz");
    static final List<String> RULES = List.of(
            "{ select: [\"$..ssn\"], action: remove }",
            "{ keys: [\"*password*\", \"ssn\"], action: redact }",
            "{ select: [\"$..card.number\", \"$..number\"], action: mask, keepLast: 4 }",
            "{ detect: [pan, email, iban], action: mask, keepFirst: 1 }",
            "{ detect: [email], action: keepDomain }",
            "{ select: [\"$..id\"], action: hash }",
            "{ keys: [\"name\"], action: tokenize }",
            "{ select: [\"$..number\"], action: fpe, luhn: true }",
            "{ select: [\"$..tags\"], action: mask }",
            "{ select: [\"$..card\"], action: redact, with: \"[card]\" }",
            "{ select: [\"$[*]\", \"$.x[1]\"], action: remove }",
            "{ select: [\"$..notes\"], action: keep }",
            "{ detect: [pan, ssn, phone, jwt, secret], action: remove }");

    /** A document: an object, array or scalar up to four levels deep. */
    public static Arbitrary<Object> documents() {
        return node(4);
    }

    private static Arbitrary<Object> node(int depth) {
        Arbitrary<Object> leaf = Arbitraries.oneOf(
                Arbitraries.of(TEXTS).map(s -> (Object) s),
                Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().between(-1e6, 1e6).ofScale(3).map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
        if (depth == 0) return leaf;
        Arbitrary<Object> child = Arbitraries.lazy(() -> node(depth - 1));
        Arbitrary<Object> object = Combinators.combine(Arbitraries.of(NAMES).list().ofMaxSize(5), child.list().ofSize(5))
                .as((names, values) -> {
                    Map<String, Object> o = new LinkedHashMap<>();
                    for (int i = 0; i < names.size(); i++) o.put(names.get(i), values.get(i));
                    return (Object) o;
                });
        Arbitrary<Object> array = child.list().ofMaxSize(4).map(items -> (Object) items);
        return Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(4, object), Tuple.of(2, array));
    }

    /** A response block: one to four field rules, sometimes with allowFields. */
    public static Arbitrary<String> responses() {
        Arbitrary<String> allow = Arbitraries.of("", "allowFields: [\"$..id\", \"$..notes\"]\n",
                "allowFields: [\"$[*]\", \"$.card\"]\n");
        Arbitrary<List<String>> rules = Arbitraries.of(RULES).list().ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(allow, rules).as((a, rs) -> {
            StringBuilder sb = new StringBuilder(a).append("fields:\n");
            for (String r : rs) sb.append("  - ").append(r).append('\n');
            return sb.toString();
        });
    }
}
