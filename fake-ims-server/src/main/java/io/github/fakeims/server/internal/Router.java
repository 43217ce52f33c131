package io.github.fakeims.server.internal;

import io.github.fakeims.server.internal.handler.Handler;
import io.github.fakeims.server.internal.http.ImsRequest;
import io.github.fakeims.server.internal.http.ImsResponse;
import java.util.HashMap;
import java.util.Map;

/** Maps method and path to one handler; a trailing slash is ignored, as IMS does. */
final class Router {

    private record Route(String method, Handler handler) {
    }

    private final Map<String, Route> routes = new HashMap<>();

    Router post(Handler handler, String... paths) {
        return add("POST", handler, paths);
    }

    Router get(Handler handler, String... paths) {
        return add("GET", handler, paths);
    }

    private Router add(String method, Handler handler, String... paths) {
        for (String path : paths) {
            routes.put(path, new Route(method, handler));
        }
        return this;
    }

    ImsResponse route(ImsRequest request) throws ImsRejection {
        String path = normalize(request.path());
        Route route = routes.get(path);
        if (route == null) {
            throw new ImsRejection(new ImsError(404, "not_found", "The requested resource does not exist.",
                    request.method() + " " + request.path() + " is not an IMS endpoint this fake serves"));
        }
        if (!route.method().equals(request.method())) {
            ImsError error = new ImsError(405, "method_not_allowed", "The request method is not supported for this resource.",
                    path + " takes " + route.method() + ", not " + request.method());
            throw new ImsRejection(error);
        }
        return route.handler().handle(request);
    }

    /** The method a path takes, for the {@code Allow} header of a 405. */
    String allowedMethod(String path) {
        Route route = routes.get(normalize(path));
        return route == null ? "" : route.method();
    }

    private static String normalize(String path) {
        String normalized = path;
        while (normalized.length() > 1 && normalized.endsWith("/")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        return normalized;
    }
}
