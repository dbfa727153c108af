package dev.warden.policy.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.warden.policy.model.FieldAction;
import dev.warden.policy.model.FieldRule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The audit's per-rule counts: each protected value counts once, for the rule that protected it, in every engine path. */
class MaskTallyTest {

    private static final String RECORD = "{\"id\":\"c-%d\",\"ssn\":\"123-45-678%d\",\"card\":{\"number\":\"411111111111111%d\"},"
            + "\"address\":{\"street\":\"1 Main\",\"city\":\"X\"},\"tags\":[\"a\",\"b\"],\"note\":\"ok\"}";

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 8192})
    void countsPerRuleAcrossRepeatedRecordsAndMaskedContainers(int chunk) throws IOException {
        MaskPlan shared = new MaskPlan(List.of(
                MaskCursorTest.rule(FieldAction.REMOVE, "$..ssn"),
                MaskCursorTest.rule(FieldAction.MASK, 0, 4, FieldRule.DEFAULT_REDACTION, "$..card.number"),
                MaskCursorTest.rule(FieldAction.MASK, "$..address"),      // a container counts once
                MaskCursorTest.rule(FieldAction.REDACT, "$..nothing")));  // never acts: not listed
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 5; i++) body.append(i == 0 ? "" : ",").append(String.format(RECORD, i, i, i));
        body.append("]");
        MaskTally tally = new MaskTally(shared);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteWireMasker m = new ByteWireMasker(shared.withTally(tally), out);
        byte[] in = body.toString().getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i += chunk) m.write(in, i, Math.min(chunk, in.length - i));
        m.close();
        assertEquals(Map.of("$..ssn remove", 5, "$..card.number mask", 5, "$..address mask", 5), tally.byRule());
        // the shared plan counts nothing: a tally belongs to one response
        MaskTally other = new MaskTally(shared);
        ByteWireMasker again = new ByteWireMasker(shared, new ByteArrayOutputStream());
        again.write(in, 0, in.length);
        again.close();
        assertEquals(Map.of(), other.byRule());
    }
}
