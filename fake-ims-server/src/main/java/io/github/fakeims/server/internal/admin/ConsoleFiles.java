package io.github.fakeims.server.internal.admin;

import io.github.fakeims.server.internal.core.ImsError;
import io.github.fakeims.server.internal.core.ImsRejection;
import io.github.fakeims.server.internal.handler.Router;
import io.github.fakeims.server.internal.http.ImsResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The console's static files under {@code /fake-ims/console/}, from the jar. They hold no data (every
 * datum comes from the admin API, with its token), so they are served without the token; always with a
 * strict Content-Security-Policy: the page runs only its own scripts, talks only to its own origin and
 * cannot be framed.
 */
final class ConsoleFiles {

    static final String PATH = "/fake-ims/console/";
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final String RESOURCES = "/io/github/fakeims/server/internal/console/";
    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html;charset=UTF-8",
            "console.css", "text/css;charset=UTF-8",
            "console.js", "text/javascript;charset=UTF-8",
            "console-logic.mjs", "text/javascript;charset=UTF-8");
    private static final Map<String, byte[]> FILES = load();

    private ConsoleFiles() {
    }

    /** Answers {@code GET /fake-ims/console[/file]}. */
    static ImsResponse serve(String method, String path) throws ImsRejection {
        if (path.equals("/fake-ims/console")) {
            return secured(new ImsResponse(308, Map.of("Location", PATH), new byte[0]));
        }
        String name = path.substring(PATH.length());
        name = name.isEmpty() ? "index.html" : name;
        byte[] content = FILES.get(name);
        if (content == null) {
            throw new ImsRejection(new ImsError(404, "not_found", "The requested resource does not exist.",
                    path + " is not a file of the console; it is at " + PATH));
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw Router.methodNotAllowed(path, "GET, HEAD", method);
        }
        return secured(new ImsResponse(200, Map.of("Content-Type", TYPES.get(name)), content));
    }

    private static ImsResponse secured(ImsResponse response) {
        return response.withHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("X-Frame-Options", "DENY")
                .withHeader("Referrer-Policy", "no-referrer")
                .withHeader("Cache-Control", "no-cache");
    }

    private static Map<String, byte[]> load() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : TYPES.keySet()) {
            try (InputStream in = ConsoleFiles.class.getResourceAsStream(RESOURCES + name)) {
                if (in == null) {
                    throw new IllegalStateException("the console file " + RESOURCES + name + " is missing from the jar");
                }
                files.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.copyOf(files);
    }
}
