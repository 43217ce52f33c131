package io.github.fakeims.server.internal;

/** Thrown by handlers to answer with an IMS error; carries no stack trace, it is an answer, not a fault. */
public final class ImsRejection extends Exception {

    private final transient ImsError error;

    public ImsRejection(ImsError error) {
        super(error.error() + ": " + error.reason(), null, false, false);
        this.error = error;
    }

    public ImsError error() {
        return error;
    }
}
