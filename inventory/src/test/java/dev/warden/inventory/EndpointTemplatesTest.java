package dev.warden.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EndpointTemplatesTest {

    @Test
    void idsAndLongSegmentsAreCollapsedAndParameterNamesMadeUnique() {
        assertEquals("/api/customers/{id}", EndpointTemplates.collapse("/api/customers/c-1001"));
        assertEquals("/api/v2/orders/{id}/lines/{id2}", EndpointTemplates.collapse("/api/v2/orders/17/lines/3"));
        assertEquals("/reset/{id}", EndpointTemplates.collapse("/reset/abcdefghijklmnopqrstuvwxyzABCDEFGH"));
        assertEquals("/health", EndpointTemplates.collapse("/health"));
        assertEquals("/", EndpointTemplates.collapse(""));
        assertEquals("/a/", EndpointTemplates.collapse("/a/"));
    }

    @Test
    void frameworkTemplatesTakeOpenApisForm() {
        assertEquals("/api/customers/{id}", EndpointTemplates.normalize("/api/customers/{id}"));
        assertEquals("/files/{id}/{rest}", EndpointTemplates.normalize("/files/{id:[0-9]{1,9}}/{*rest}"));
        assertEquals("/items/{id}", EndpointTemplates.normalize("/items/{ id : \\d+ }"));
        assertEquals("/**", EndpointTemplates.normalize("/**"));
        assertEquals("/a/{x}/{x2}", EndpointTemplates.normalize("a/{x}/{x}"));
    }
}
