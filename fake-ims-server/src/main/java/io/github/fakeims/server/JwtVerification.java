package io.github.fakeims.server;

/**
 * What the fake IMS would answer to a Service Account JWT: accepted, or the IMS error (status, code,
 * description, exactly as on the wire) and the precise reason.
 */
public record JwtVerification(boolean accepted, int status, String error, String errorDescription, String reason) {

    /** The verdict for a JWT the exchange would accept. */
    public static JwtVerification accept() {
        return new JwtVerification(true, 200, "", "", "");
    }

    @Override
    public String toString() {
        return accepted ? "accepted" : status + " " + error + " (" + errorDescription + "): " + reason;
    }
}
