package io.github.fakeims.server.internal.handler;

import static io.github.fakeims.server.internal.ClientAuthenticator.required;

import io.github.fakeims.server.Credential;
import io.github.fakeims.server.internal.ClientAuthenticator;
import io.github.fakeims.server.internal.CredentialStore;
import io.github.fakeims.server.internal.ImsError;
import io.github.fakeims.server.internal.ImsRejection;
import io.github.fakeims.server.internal.http.FormParams;
import io.github.fakeims.server.internal.http.ImsRequest;
import io.github.fakeims.server.internal.http.ImsResponse;
import io.github.fakeims.server.internal.token.AccessTokens;
import io.github.fakeims.server.internal.token.IssuedToken;
import io.github.fakeims.server.internal.token.TokenCheck;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The token life-cycle endpoints: validate, invalidate and revoke. */
public final class TokenValidationHandlers {

    private final ClientAuthenticator authenticator;
    private final CredentialStore credentials;
    private final AccessTokens tokens;

    public TokenValidationHandlers(ClientAuthenticator authenticator, CredentialStore credentials, AccessTokens tokens) {
        this.authenticator = authenticator;
        this.credentials = credentials;
        this.tokens = tokens;
    }

    /**
     * The status of a presented access token: valid only when issued here, unexpired, not invalidated
     * and its credential still registered.
     */
    public TokenCheck check(String token) {
        TokenCheck check = tokens.check(token);
        if (check.isValid() && credentials.find(check.token().orElseThrow().clientId()).isEmpty()) {
            return new TokenCheck(Optional.empty(), "the credential of client_id " + check.token().orElseThrow().clientId()
                    + " that this token was issued to is no longer registered");
        }
        return check;
    }

    /** {@code POST /ims/validate_token/v1}: 200, {@code valid} true with the claims or false with a reason; 400 without {@code client_id} or a token. */
    public ImsResponse validate(ImsRequest request) throws ImsRejection {
        FormParams params = request.params();
        String token = params.get("token").or(request::bearerToken)
                .orElseThrow(() -> new ImsRejection(ImsError.missingParameter("token")));
        String clientId = required(params, "client_id");
        String type = params.get("type").orElse("access_token");
        Map<String, Object> body = new LinkedHashMap<>();
        TokenCheck check = check(token);
        String reason = check.reason();
        if (!type.equals("access_token")) {
            reason = "type was " + type + "; the fake validates access_token only";
        } else if (check.isValid() && !check.token().orElseThrow().clientId().equals(clientId)) {
            reason = "the token was issued to client_id " + check.token().orElseThrow().clientId() + ", not " + clientId;
        }
        if (reason.isEmpty()) {
            body.put("valid", true);
            body.put("token", check.token().orElseThrow().claims());
            return ImsResponse.json(200, body);
        }
        body.put("valid", false);
        body.put("reason", reason);
        return ImsResponse.json(200, body).withHeader(ImsResponse.REASON_HEADER, reason);
    }

    /** {@code POST /ims/invalidate_token/v2}: the client invalidates one of its tokens; 200. */
    public ImsResponse invalidate(ImsRequest request) throws ImsRejection {
        FormParams params = request.params();
        String token = required(params, "token");
        Credential client = authenticator.authenticate(params);
        invalidateOwnToken(token, client.clientId());
        return ImsResponse.empty(200);
    }

    /** {@code POST /ims/revoke}: like invalidate, the client named by Basic auth or {@code client_id}; 200, empty body. */
    public ImsResponse revoke(ImsRequest request) throws ImsRejection {
        FormParams params = request.params();
        String token = required(params, "token");
        Optional<FormParams> basic = basicCredentials(request);
        Credential client = basic.isPresent()
                ? authenticator.authenticate(basic.get())
                : params.get("client_secret").isPresent()
                        ? authenticator.authenticate(params)
                        : authenticator.identify(required(params, "client_id"));
        invalidateOwnToken(token, client.clientId());
        return ImsResponse.empty(200);
    }

    /** Unknown or already dead tokens are no error (RFC 7009); another client's token is. */
    private void invalidateOwnToken(String token, String clientId) throws ImsRejection {
        TokenCheck check = tokens.check(token);
        if (check.isValid()) {
            IssuedToken issued = check.token().orElseThrow();
            if (!issued.clientId().equals(clientId)) {
                throw new ImsRejection(new ImsError(400, "invalid_request", "The token was not issued to this client.",
                        "the token belongs to client_id " + issued.clientId() + ", not " + clientId));
            }
            tokens.invalidate(issued.id());
        }
    }

    private static Optional<FormParams> basicCredentials(ImsRequest request) throws ImsRejection {
        Optional<String> header = request.header("Authorization").filter(value -> value.regionMatches(true, 0, "Basic ", 0, 6));
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.get().substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ImsRejection(ImsError.badRequest("the Authorization: Basic header is not valid base64"));
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new ImsRejection(ImsError.badRequest("the Authorization: Basic header does not hold client_id:client_secret"));
        }
        return Optional.of(FormParams.of(Map.of("client_id", decoded.substring(0, colon), "client_secret", decoded.substring(colon + 1))));
    }
}
