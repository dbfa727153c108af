package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The limit named in a RateLimit field with one item; several items say nothing of which one refused. */
class RefusingLimitTest {

    @Test
    void oneItemNamesTheLimit() {
        assertEquals("customers", RefusingLimit.onlyItem("\"customers\";r=0;t=42"));
        assertEquals("orders.gold", RefusingLimit.onlyItem("\"orders.gold\";r=0;t=1"));
    }

    @Test
    void quotedCommasAndEscapesStayInTheName() {
        assertEquals("a,\"b\"", RefusingLimit.onlyItem("\"a,\\\"b\\\"\";r=0;t=1"));
    }

    @Test
    void severalItemsAreUnknown() {
        assertEquals("-", RefusingLimit.onlyItem("\"global\";r=10;t=1, \"customers\";r=0;t=42"));
    }

    @Test
    void noItemIsUnknown() {
        assertEquals("-", RefusingLimit.onlyItem(""));
    }
}
