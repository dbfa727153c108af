package dev.warden.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exported inventory, read by an independent OpenAPI parser (swagger-parser): OpenAPI 3.1, nothing to report. */
class OpenApiValidityTest {

    @Test
    void anIndependentParserReadsItWithoutAMessage() {
        String json = new String(OpenApiWriter.toBytes(OpenApiTest.sampleInventory().view()), StandardCharsets.UTF_8);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
        assertEquals(List.of(), result.getMessages());
        OpenAPI api = result.getOpenAPI();
        assertNotNull(api);
        assertEquals("3.1.0", api.getOpenapi());
        Schema<?> customer = api.getPaths().get("/api/customers/{id}").getGet().getResponses().get("200").getContent()
                .get("application/json").getSchema();
        assertEquals(List.of("pan"), ((Schema<?>) ((Schema<?>) customer.getProperties().get("card")).getProperties().get("number"))
                .getExtensions().get("x-warden-sensitive"));
        assertEquals("id", api.getPaths().get("/api/customers/{id}").getParameters().get(0).getName());
        assertEquals(1, api.getComponents().getSecuritySchemes().size());
    }

    @Test
    void theParserDoesReportWhatIsMissing() {
        String broken = "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"x\"},\"paths\":{\"/a\":{\"get\":{\"responses\":{\"200\":{}}}}}}";
        List<String> messages = new OpenAPIV3Parser().readContents(broken, null, new ParseOptions()).getMessages();
        assertEquals(2, messages.size(), messages::toString); // info.version, the response's description
    }
}
