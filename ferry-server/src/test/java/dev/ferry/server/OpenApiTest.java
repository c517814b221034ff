package dev.ferry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** openapi.json lists exactly the routes FerryServer answers, each with the key it needs: ServeAuthIT walks that file. */
class OpenApiTest {

    @Test
    void theOpenApiFileListsEveryRouteWithItsRole() throws Exception {
        JsonNode openApi = new ObjectMapper().readTree(FerryServer.resource("openapi.json"));
        assertThat(openApi.path("openapi").asText()).startsWith("3.1");

        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").properties().iterator(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().properties().iterator(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                JsonNode security = op.getValue().path("security");
                assertThat(security.isArray()).as(op.getKey() + " " + path.getKey() + " states its security").isTrue();
                String role = security.isEmpty() ? "none" : op.getValue().path("x-ferry-role").asText("missing x-ferry-role");
                documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + " " + role);
            }
        }

        Set<String> served = new TreeSet<>();
        for (Route route : FerryServer.routes(null)) {
            served.add(route.method() + " " + route.path() + " " + (route.open() ? "none" : route.required().label()));
        }
        assertThat(documented).isEqualTo(served);
    }
}
