package dev.warden.policy.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each detector finds its kind inside free text, and nothing in a shared set of look-alikes. */
class DetectorTest {

    /** Ids, timestamps, UUIDs, versions, amounts and phone-like numbers no detector may report. */
    static final List<String> LOOK_ALIKES = List.of(
            "ORD-2026-000123", "order 1234567890123", "INV/2026/11/000042", "2026-11-27T21:40:00Z", "1764230400000",
            "1764230400", "20261127214000123", "123e4567-e89b-12d3-a456-426614174000", "v1.2.3-beta.4", "12,345.67 EUR",
            "555-0100", "call 555 0100 ext 12", "tracking 1Z999AA10123456784", "SKU 4006381333931", "ref 4111-1111",
            "000-12-3456", "666-12-3456", "912-34-5678", "123-00-4567", "123-45-0000", "user@localhost", "a@b",
            "GB82 WEST 1234 5698 7654 33", "DE00 0000 0000 0000 0000 00", "eyJhbGciOi.notajwt", "AKIA1234",
            "Bearer short", "sk_test_1234567890abcdef", "pi 3.14159265358979", "+1", "(12) 34");

    private static List<String> found(Detector d, String text) {
        return d.find(text).stream().map(s -> text.substring(s[0], s[1])).toList();
    }

    @ParameterizedTest
    @EnumSource(Detector.class)
    void noLookAlikeIsReported(Detector d) {
        for (String s : LOOK_ALIKES) assertEquals(List.of(), found(d, s), d + " in '" + s + "'");
    }

    @Test
    void panNeedsANetworkAndLuhnAndFindsItInText() {
        assertEquals(List.of("4111 1111 1111 1111"), found(Detector.PAN, "Paid with 4111 1111 1111 1111, thanks"));
        assertEquals(List.of("5500-0055-5555-5559"), found(Detector.PAN, "card 5500-0055-5555-5559"));
        assertEquals(List.of("378282246310005"), found(Detector.PAN, "amex:378282246310005."));
        assertEquals(List.of(), found(Detector.PAN, "4111 1111 1111 1112"), "Luhn fails");
        assertEquals(List.of(), found(Detector.PAN, "41111111111111111111111"), "too long: part of a longer number");
    }

    @Test
    void ssnExcludesInvalidAreas() {
        assertEquals(List.of("123-45-6789"), found(Detector.SSN, "SSN 123-45-6789 on file"));
        assertEquals(List.of("078-05-1120"), found(Detector.SSN, "078-05-1120"));
    }

    @Test
    void email() {
        assertEquals(List.of("ada@example.com", "alan.turing+x@mail.example.org"),
                found(Detector.EMAIL, "contact ada@example.com or alan.turing+x@mail.example.org."));
    }

    @Test
    void ibanChecksLengthAndMod97() {
        assertEquals(List.of("GB82 WEST 1234 5698 7654 32"), found(Detector.IBAN, "pay to GB82 WEST 1234 5698 7654 32 today"));
        assertEquals(List.of("DE89370400440532013000"), found(Detector.IBAN, "DE89370400440532013000"));
        assertEquals(List.of(), found(Detector.IBAN, "GB82WEST1234569876543"), "one character short");
    }

    @Test
    void phoneNeedsAnInternationalOrNorthAmericanForm() {
        assertEquals(List.of("+44 20 7946 0958"), found(Detector.PHONE, "call +44 20 7946 0958 now"));
        assertEquals(List.of("(202) 555-0147"), found(Detector.PHONE, "office (202) 555-0147"));
        assertEquals(List.of("+1-202-555-0147"), found(Detector.PHONE, "+1-202-555-0147"));
    }

    @Test
    void jwtAndSecrets() {
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJlLWJ5dGVz";
        assertEquals(List.of(jwt), found(Detector.JWT, "token=" + jwt));
        assertEquals(List.of("AKIAIOSFODNN7EXAMPLE"), found(Detector.SECRET, "key AKIAIOSFODNN7EXAMPLE in config"));
        assertEquals(List.of("abcdefghijklmnop0123456789"), found(Detector.SECRET, "Authorization: Bearer abcdefghijklmnop0123456789"));
        String pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----";
        assertEquals(List.of(pem), found(Detector.SECRET, "oops " + pem + " end"));
        assertTrue(found(Detector.SECRET, "ghp_" + "a".repeat(36)).size() == 1);
    }
}
