package io.switchboard.platform.api;

import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /wallboard} (open, holds no data): the live wallboard page and its script and style, classpath resources
 * under {@value #RESOURCES}. The page reads the token from its own URL ({@code /wallboard?token=...}).
 */
final class WallboardRoutes extends AllDirectives {
    static final String RESOURCES = "io/switchboard/platform/wallboard";

    Route route() {
        return pathPrefix("wallboard", () -> get(() -> concat(
                pathEnd(() -> getFromResource(RESOURCES + "/wallboard.html")),
                path(PathMatchers.segment("wallboard.js"), () -> getFromResource(RESOURCES + "/wallboard.js")),
                path(PathMatchers.segment("wallboard.css"), () -> getFromResource(RESOURCES + "/wallboard.css")))));
    }
}
