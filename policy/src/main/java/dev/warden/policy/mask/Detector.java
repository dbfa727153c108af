package dev.warden.policy.mask;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A detector of sensitive data inside string values, free text included: it finds the parts to replace and checks
 * each candidate strictly enough that ids, timestamps and phone-like numbers are left alone. Each has a cheap
 * pre-check so strings that cannot contain a match cost no regular expression.
 */
public enum Detector {

    /** Payment card numbers: 13-19 digits, optionally grouped by spaces or dashes, a known network prefix, Luhn-valid. */
    PAN("(?<![0-9A-Za-z-])[2-6][0-9](?:[ -]?[0-9]){11,17}(?![0-9A-Za-z])") {
        @Override boolean precheck(String s) { return digits(s) >= 13; }
        @Override boolean accept(String m) {
            String d = m.replaceAll("[ -]", "");
            return d.length() >= 13 && d.length() <= 19 && knownNetwork(d) && Tokenizer.Luhn.valid(d) && consistentGroups(m);
        }
    },
    /** US social security numbers, written AAA-GG-SSSS; area 000, 666 and 9xx, group 00 and serial 0000 never occur. */
    SSN("(?<![0-9A-Za-z-])([0-9]{3})-([0-9]{2})-([0-9]{4})(?![0-9A-Za-z-])") {
        @Override boolean precheck(String s) { return s.indexOf('-') >= 0 && digits(s) >= 9; }
        @Override boolean accept(String m) {
            int area = Integer.parseInt(m.substring(0, 3));
            return area != 0 && area != 666 && area < 900 && !m.startsWith("00", 4) && !m.endsWith("0000");
        }
    },
    /** E-mail addresses (a practical form: local@domain.tld). */
    EMAIL("(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.[A-Za-z]{2,24}(?![A-Za-z0-9-])") {
        @Override boolean precheck(String s) { return s.indexOf('@') > 0; }
    },
    /** IBANs: a country's length, optionally in groups of four, and the mod-97 check. */
    IBAN("(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}(?![A-Za-z0-9])") {
        @Override boolean precheck(String s) { return s.length() >= 15 && digits(s) >= 4; }
        @Override boolean accept(String m) {
            String iban = m.replace(" ", "");
            Integer length = IBAN_LENGTHS.get(iban.substring(0, 2));
            return length != null && length == iban.length() && mod97(iban) == 1;
        }
    },
    /** Phone numbers in international form (+CC ...) or the North American (NNN) NNN-NNNN; bare digit runs are not. */
    PHONE("(?<![0-9A-Za-z+])(?:\\+[1-9][0-9]{0,3}(?:[ .-]?\\(?[0-9]{1,5}\\)?){1,6}|\\([0-9]{3}\\) ?[0-9]{3}-[0-9]{4})(?![0-9A-Za-z])") {
        @Override boolean precheck(String s) { return (s.indexOf('+') >= 0 || s.indexOf('(') >= 0) && digits(s) >= 8; }
        @Override boolean accept(String m) {
            int n = digits(m);
            return n >= 8 && n <= 15;
        }
    },
    /** JSON Web Tokens (three base64url parts, the first two JSON objects). */
    JWT("(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{10,}") {
        @Override boolean precheck(String s) { return s.contains("eyJ"); }
    },
    /** Well-known secret formats: AWS access key ids, PEM private keys, bearer tokens, GitHub, Slack, Stripe, Google keys. */
    SECRET("(?<![A-Z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}(?![A-Z0-9])"
            + "|-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----[\\s\\S]*?-----END (?:[A-Z]+ )*PRIVATE KEY-----"
            + "|(?<=[Bb]earer )[A-Za-z0-9._~+/-]{16,}=*"
            + "|(?<![A-Za-z0-9])gh[pousr]_[A-Za-z0-9]{36,}"
            + "|(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,}"
            + "|(?<![A-Za-z0-9])[sr]k_live_[A-Za-z0-9]{16,}"
            + "|(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}") {
        @Override boolean precheck(String s) {
            return s.length() >= 20 && (s.contains("A") || s.contains("earer ") || s.contains("_") || s.contains("xox")
                    || s.contains("-----BEGIN"));
        }
    };

    private final Pattern pattern;

    Detector(String regex) {
        this.pattern = Pattern.compile(regex);
    }

    /** The policy name: pan, ssn, email, iban, phone, jwt, secret. */
    public String policyName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Detector byPolicyName(String name) {
        for (Detector d : values()) if (d.policyName().equals(name)) return d;
        return null;
    }

    /** Cheap necessary condition for a match. */
    abstract boolean precheck(String s);

    /** The strict check of one candidate. */
    boolean accept(String match) {
        return true;
    }

    /** The [start, end) spans of what this detector finds in {@code s}, in order, possibly none. */
    public List<int[]> find(String s) {
        if (!precheck(s)) return List.of();
        List<int[]> out = null;
        Matcher m = pattern.matcher(s);
        while (m.find()) {
            if (accept(m.group())) {
                if (out == null) out = new ArrayList<>(2);
                out.add(new int[] {m.start(), m.end()});
            }
        }
        return out == null ? List.of() : out;
    }

    static int digits(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') n++;
        }
        return n;
    }

    /** Visa, Mastercard (51-55, 2221-2720), Amex, Discover, JCB, Diners, UnionPay, Maestro. */
    private static boolean knownNetwork(String d) {
        int two = Integer.parseInt(d.substring(0, 2));
        int four = Integer.parseInt(d.substring(0, 4));
        int len = d.length();
        if (d.charAt(0) == '4') return len == 13 || len == 16 || len == 19;
        if (two >= 51 && two <= 55 || four >= 2221 && four <= 2720) return len == 16;
        if (two == 34 || two == 37) return len == 15;
        if (four == 6011 || two == 65 || four >= 6440 && four <= 6499) return len >= 16;
        if (four >= 3528 && four <= 3589) return len >= 16;
        if (two == 36 || two == 38 || two == 39 || four >= 3000 && four <= 3059) return len >= 14;
        if (two == 62) return len >= 16;
        return two == 50 || two >= 56 && two <= 69 ? len >= 12 : false;
    }

    /** Grouped numbers use one kind of separator ("4111 1111 1111 1111", not "4111-1111 1111-1111"). */
    private static boolean consistentGroups(String m) {
        return m.indexOf(' ') < 0 || m.indexOf('-') < 0;
    }

    private static int mod97(String iban) {
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int r = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            int v = c >= '0' && c <= '9' ? c - '0' : c - 'A' + 10;
            r = v >= 10 ? (r * 100 + v) % 97 : (r * 10 + v) % 97;
        }
        return r;
    }

    private static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20), Map.entry("AZ", 28),
            Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("BH", 22), Map.entry("BR", 29),
            Map.entry("BY", 28), Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28), Map.entry("CZ", 24),
            Map.entry("DE", 22), Map.entry("DK", 18), Map.entry("DO", 28), Map.entry("EE", 20), Map.entry("EG", 29),
            Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22),
            Map.entry("GE", 22), Map.entry("GI", 23), Map.entry("GL", 18), Map.entry("GR", 27), Map.entry("GT", 28),
            Map.entry("HR", 21), Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IQ", 23),
            Map.entry("IS", 26), Map.entry("IT", 27), Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20),
            Map.entry("LB", 28), Map.entry("LC", 32), Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20),
            Map.entry("LV", 21), Map.entry("MC", 27), Map.entry("MD", 24), Map.entry("ME", 22), Map.entry("MK", 19),
            Map.entry("MR", 27), Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NL", 18), Map.entry("NO", 15),
            Map.entry("PK", 24), Map.entry("PL", 28), Map.entry("PS", 29), Map.entry("PT", 25), Map.entry("QA", 29),
            Map.entry("RO", 24), Map.entry("RS", 22), Map.entry("SA", 24), Map.entry("SC", 31), Map.entry("SE", 24),
            Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("ST", 25), Map.entry("SV", 28),
            Map.entry("TL", 23), Map.entry("TN", 24), Map.entry("TR", 26), Map.entry("UA", 29), Map.entry("VA", 22),
            Map.entry("VG", 24), Map.entry("XK", 20));
}
