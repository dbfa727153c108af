package dev.warden.policy.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.warden.policy.model.FieldAction;
import dev.warden.policy.model.FieldRule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueMaskerTest {

    private static String mask(String value, int keepFirst, int keepLast) {
        return ValueMasker.mask(value, new FieldRule(List.of(), FieldAction.MASK, keepFirst, keepLast, "[REDACTED]"));
    }

    @ParameterizedTest(name = "\"{0}\" keepFirst {1} keepLast {2} -> \"{3}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "123-45-6789          | 0 | 4 | ***-**-6789",
            "4111111111111111     | 0 | 4 | ************1111",
            "4111 1111 1111 1111  | 4 | 4 | 4111 **** **** 1111",
            "john.doe@example.com | 1 | 0 | j***.***@*******.***",
            "secret               | 0 | 0 | ******",
            "abcd                 | 2 | 1 | ab*d",
            "-1.50                | 0 | 1 | -*.*0",
            "(555) 010-2000       | 3 | 0 | (555) ***-****",
    })
    void lettersAndDigitsAreMaskedSeparatorsStay(String value, int keepFirst, int keepLast, String expected) {
        assertEquals(expected, mask(value, keepFirst, keepLast));
    }

    @ParameterizedTest(name = "\"{0}\" keepFirst {1} keepLast {2} -> \"{3}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "abc      | 2 | 1 | ***",   // kept parts would cover all 3: nothing is kept
            "abc      | 0 | 3 | ***",
            "ab       | 0 | 4 | **",
            "12-3     | 1 | 2 | **-*",
            "1234     | 4 | 0 | ****",
            "12345    | 2 | 2 | 12*45", // one letter left to hide: keeping is allowed
    })
    void shortValuesAreFullyMasked(String value, int keepFirst, int keepLast, String expected) {
        assertEquals(expected, mask(value, keepFirst, keepLast));
    }

    @Test
    void unicodeLettersAndDigitsCount() {
        assertEquals("**** ****er", mask("José Müller", 0, 2));
        assertEquals("山***", mask("山田太郎", 1, 0));
        assertEquals("***٤", mask("١٢٣٤", 0, 1), "Arabic-Indic digits are digits");
        // a letter outside the BMP is one code point: one '*', not two
        assertEquals("**b", mask("\uD835\uDC9C\uD835\uDC9Cb", 0, 1));
        assertEquals("\uD835\uDC9C**", mask("\uD835\uDC9Cxy", 1, 0));
    }

    @Test
    void nonAlphanumericTextIsLeftAsIs() {
        assertEquals("", mask("", 0, 4));
        assertEquals("--- ...", mask("--- ...", 0, 0));
        assertEquals("*\uD83D\uDE00*", mask("a\uD83D\uDE00b", 0, 0), "an emoji is neither letter nor digit");
    }
}
