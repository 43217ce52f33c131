package io.github.fakeims.server.internal;

import io.github.fakeims.server.internal.http.FormBodyParser;
import io.github.fakeims.server.internal.http.FormParams;
import io.github.fakeims.server.internal.http.ImsRequest;
import io.github.fakeims.server.internal.http.ImsResponse;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The engine-neutral front door: reads parameters, routes, turns rejections into IMS error bodies,
 * stamps every response with an {@code x-debug-id} and logs each rejection's precise reason once.
 */
public final class Dispatcher {

    public static final String DEBUG_ID_HEADER = "x-debug-id";
    private static final System.Logger LOG = System.getLogger("io.github.fakeims.server");

    private final Router router;

    Dispatcher(Router router) {
        this.router = router;
    }

    public ImsResponse dispatch(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        String debugId = UUID.randomUUID().toString();
        ImsResponse response;
        try {
            ImsRequest request = new ImsRequest(method, path, headers, parseParams(rawQuery, headers, body));
            response = router.route(request);
        } catch (ImsRejection rejection) {
            response = rejected(rejection.error(), method, path, debugId);
        } catch (RuntimeException bug) {
            LOG.log(Level.WARNING, "x-debug-id " + debugId + ": " + method + " " + path + " failed inside the fake IMS", bug);
            response = new ImsError(500, "server_error", "The server encountered an internal error.",
                    "fake IMS bug (" + bug.getClass().getSimpleName() + "); see its log for x-debug-id " + debugId).toResponse();
        }
        return response.withHeader(DEBUG_ID_HEADER, debugId);
    }

    /** An IMS error for a request the adapter refused before dispatching (e.g. an oversized body). */
    public ImsResponse refuse(ImsError error, String method, String path) {
        String debugId = UUID.randomUUID().toString();
        return rejected(error, method, path, debugId).withHeader(DEBUG_ID_HEADER, debugId);
    }

    private ImsResponse rejected(ImsError error, String method, String path, String debugId) {
        LOG.log(Level.INFO, () -> "x-debug-id " + debugId + ": " + method + " " + path + " -> " + error.status() + " "
                + error.error() + " (" + error.description() + "): " + error.reason());
        ImsResponse response = error.toResponse();
        if (error.status() == 405) {
            response = response.withHeader("Allow", router.allowedMethod(path));
        }
        return response;
    }

    private static FormParams parseParams(String rawQuery, Map<String, List<String>> headers, byte[] body) throws ImsRejection {
        Optional<String> contentType = headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Content-Type") && !header.getValue().isEmpty())
                .map(header -> header.getValue().get(0))
                .findFirst();
        try {
            return FormBodyParser.parse(rawQuery, contentType, body);
        } catch (FormBodyParser.MalformedBodyException e) {
            throw new ImsRejection(ImsError.badRequest(e.getMessage()));
        }
    }
}
