package io.switchboard.platform.api;

import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /openapi.json}: the OpenAPI 3 description of this API (resource {@value #RESOURCE}). */
final class OpenApiRoutes extends AllDirectives {
    static final String RESOURCE = "/io/switchboard/platform/api/openapi.json";

    private final byte[] document;

    OpenApiRoutes() {
        try (var in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            document = in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    Route route() {
        return path("openapi.json", () -> get(() ->
                complete(HttpEntities.create(ContentTypes.APPLICATION_JSON, document))));
    }
}
