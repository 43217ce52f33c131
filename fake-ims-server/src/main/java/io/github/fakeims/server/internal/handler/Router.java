package io.github.fakeims.server.internal.handler;

import io.github.fakeims.server.ImsEndpoint;
import io.github.fakeims.server.internal.core.HandlerResult;
import io.github.fakeims.server.internal.core.ImsError;
import io.github.fakeims.server.internal.core.ImsRejection;
import io.github.fakeims.server.internal.http.ImsRequest;
import java.util.EnumMap;
import java.util.Map;

/** Maps a request to its endpoint's handler; a trailing slash is ignored, as IMS does. */
public final class Router {

    private final Map<ImsEndpoint, Handler> handlers = new EnumMap<>(ImsEndpoint.class);

    public Router route(ImsEndpoint endpoint, Handler handler) {
        handlers.put(endpoint, handler);
        return this;
    }

    public HandlerResult route(ImsEndpoint endpoint, ImsRequest request) throws ImsRejection {
        Handler handler = handlers.get(endpoint);
        if (handler == null) {
            throw new ImsRejection(new ImsError(404, "not_found", "The requested resource does not exist.",
                    request.method() + " " + request.path() + " is not an IMS endpoint this fake serves"));
        }
        if (!endpoint.methods().contains(request.method())) {
            throw methodNotAllowed(request.path(), String.join(", ", endpoint.methods()), request.method());
        }
        return handler.handle(request);
    }

    /** A 405 with the {@code Allow} header. */
    public static ImsRejection methodNotAllowed(String path, String allowed, String used) {
        return new ImsRejection(new ImsError(405, "method_not_allowed", "The request method is not supported for this resource.",
                path + " takes " + allowed + ", not " + used), Map.of("Allow", allowed));
    }
}
