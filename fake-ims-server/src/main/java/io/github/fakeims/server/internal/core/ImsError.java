package io.github.fakeims.server.internal.core;

import io.github.fakeims.server.internal.http.ImsResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An IMS error: the status, code and description real IMS sends (clients match on them, so they are
 * kept exact) plus the fake's precise {@code reason}, which travels beside them, never instead.
 */
public record ImsError(int status, String error, String description, String reason) {

    public static final String FORMAT = "JWT token is incorrectly formatted, and can not be decoded.";
    public static final String BAD_CLIENT_ID = "invalid client_id parameter";
    public static final String BAD_CLIENT_SECRET = "invalid client_secret parameter";
    public static final String EXPIRED = "JWT token has expired.";
    public static final String NOT_YET_VALID = "JWT token is not yet valid.";
    public static final String NO_BINDING = "Could not match JWT signature to any of the bindings";
    public static final String METASCOPES = "The metascopes in the JWT are not a subset of the metascopes in the binding.";
    public static final String JTI = "The jti claim is missing or was already used.";
    public static final String GRANT_NOT_ALLOWED = "Client is not allowed to use this grant type.";
    public static final String SCOPES = "The requested scopes are not granted to this client.";

    public static ImsError missingParameter(String name) {
        return new ImsError(400, "invalid_request", "Missing required parameter: " + name,
                "the request has no " + name + " parameter (looked in the body and the query string)");
    }

    public static ImsError badRequest(String reason) {
        return new ImsError(400, "invalid_request", "The request is malformed.", reason);
    }

    public static ImsError malformedJwt(String reason) {
        return new ImsError(400, "invalid_token", FORMAT, reason);
    }

    public static ImsError unknownClient(String reason) {
        return new ImsError(400, "invalid_client", BAD_CLIENT_ID, reason);
    }

    public static ImsError wrongSecret(String reason) {
        return new ImsError(400, "invalid_client", BAD_CLIENT_SECRET, reason);
    }

    public static ImsError expired(String reason) {
        return new ImsError(400, "invalid_token", EXPIRED, reason);
    }

    public static ImsError notYetValid(String reason) {
        return new ImsError(400, "invalid_token", NOT_YET_VALID, reason);
    }

    public static ImsError noBinding(String reason) {
        return new ImsError(400, "invalid_token", NO_BINDING, reason);
    }

    public static ImsError metascopes(String reason) {
        return new ImsError(400, "invalid_scope", METASCOPES, reason);
    }

    public static ImsError jti(String reason) {
        return new ImsError(400, "invalid_jti", JTI, reason);
    }

    public static ImsError grantNotAllowed(String reason) {
        return new ImsError(401, "invalid_client", GRANT_NOT_ALLOWED, reason);
    }

    public static ImsError scopes(String reason) {
        return new ImsError(400, "invalid_scope", SCOPES, reason);
    }

    public static ImsError unsupportedGrant(String reason) {
        return new ImsError(400, "unsupported_grant_type", "Unsupported grant_type.", reason);
    }

    public static ImsError invalidAccessToken(String reason) {
        return new ImsError(401, "invalid_token", "The access token is invalid.", reason);
    }

    /** {@code jwt_token} missing: documented as {@code invalid_token} ("JWT is missing or cannot be decoded"). */
    public static ImsError missingJwt() {
        return new ImsError(400, "invalid_token", "Missing required parameter: jwt_token",
                "the request has no jwt_token parameter (looked in the body and the query string)");
    }

    /**
     * A failure for a reason text: an exception's message (its class name would read like a crash to a
     * client), an {@link Error}'s simple name and message.
     */
    public static String describe(Throwable failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        return failure instanceof Error ? failure.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message)
                : message.isEmpty() ? "unreadable" : message;
    }

    /**
     * The IMS-shaped JSON body, {@code error_description} first as in every real capture (some client
     * mocks match the literal string), with the precise reason in a header beside it.
     */
    public ImsResponse toResponse() {
        return new HandlerResult(body(), Outcome.rejected(this)).rendered();
    }

    /** The IMS-shaped JSON body alone, for a {@link HandlerResult} that renders the reason header itself. */
    public ImsResponse body() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("error_description", description);
        json.put("error", error);
        return ImsResponse.json(status, json);
    }
}
