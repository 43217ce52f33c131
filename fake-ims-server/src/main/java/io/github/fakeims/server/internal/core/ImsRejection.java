package io.github.fakeims.server.internal.core;

import java.util.Map;

/** Thrown by handlers to answer with an IMS error; carries no stack trace, it is an answer, not a fault. */
public final class ImsRejection extends Exception {

    private final transient ImsError error;
    /** Headers the answer needs besides the error body, e.g. {@code Allow} on a 405, {@code Retry-After} on a 429. */
    private final transient Map<String, String> headers;

    public ImsRejection(ImsError error) {
        this(error, Map.of());
    }

    public ImsRejection(ImsError error, Map<String, String> headers) {
        super(error.error() + ": " + error.reason(), null, false, false);
        this.error = error;
        this.headers = Map.copyOf(headers);
    }

    public ImsError error() {
        return error;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
