package io.github.fakeims.server;

/**
 * The admin API of a remote fake IMS could not be reached, refused the request (401: wrong admin
 * token; 404: admin API off) or failed. Carries the status (0 when no answer came) and the fake's reason.
 */
public final class FakeImsAdminException extends RuntimeException {

    private final int status;

    public FakeImsAdminException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status the admin API answered with; 0 when it could not be reached. */
    public int status() {
        return status;
    }
}
