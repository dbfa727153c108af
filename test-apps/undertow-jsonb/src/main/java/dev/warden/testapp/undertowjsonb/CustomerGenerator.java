package dev.warden.testapp.undertowjsonb;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Makes synthetic customers for the streaming export, one at a time and on demand, so that an
 * export of any size needs memory for a single record only.
 *
 * <p>Every value is a pure function of the index, so tests can recompute what record {@code n}
 * must look like. The values are shaped like real data (a valid-looking SSN, a Luhn-valid
 * 16-digit card number, an e-mail address) because masking rules key on exactly such shapes.
 * Formatting uses {@link Locale#ROOT} so digits are ASCII whatever the JVM's default locale.
 */
public final class CustomerGenerator {

    private static final List<String> TAGS = List.of("generated");

    private CustomerGenerator() {
    }

    /** Customer {@code n} (1-based): id {@code g-n}. */
    public static Customer customer(long n) {
        return new Customer(
                "g-" + n,
                "Customer " + n,
                "customer" + n + "@example.com",
                String.format(Locale.ROOT, "+1 202 555 %04d", n % 10_000),
                ssn(n),
                new Card(cardNumber(n), String.format(Locale.ROOT, "%02d/%02d", 1 + n % 12, 26 + n % 10), "CUSTOMER " + n),
                new Address(n + " Example Street", "Springfield", String.format(Locale.ROOT, "%05d", n % 100_000), "US"),
                TAGS,
                BigDecimal.valueOf(n * 1_234_567L % 10_000_000L, 2),
                "Generated customer " + n);
    }

    /**
     * {@code AAA-GG-SSSS} with area 100..599, group 01..99 and serial 0001..9999: never one of the
     * "impossible" SSNs (000, 666 or 9xx area, 00 group, 0000 serial) that strict validators skip.
     */
    static String ssn(long n) {
        return String.format(Locale.ROOT, "%03d-%02d-%04d", 100 + n % 500, 1 + n % 99, 1 + n % 9_999);
    }

    /** "4", then n as 14 digits, then the Luhn check digit: a 16-digit Visa-shaped number. */
    static String cardNumber(long n) {
        String body = String.format(Locale.ROOT, "4%014d", n % 100_000_000_000_000L);
        return body + luhnCheckDigit(body);
    }

    private static int luhnCheckDigit(String digits) {
        int sum = 0;
        // Walking right to left, the digit next to the (future) check digit is doubled first.
        for (int i = digits.length() - 1, pos = 0; i >= 0; i--, pos++) {
            int d = digits.charAt(i) - '0';
            if (pos % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }
}
