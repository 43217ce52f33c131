package io.github.fakeims.server.internal.handler;

import static io.github.fakeims.server.internal.credential.ClientAuthenticator.required;

import io.github.fakeims.server.Credential;
import io.github.fakeims.server.internal.credential.ClientAuthenticator;
import io.github.fakeims.server.internal.credential.CredentialStore;
import io.github.fakeims.server.internal.core.HandlerResult;
import io.github.fakeims.server.internal.core.ImsError;
import io.github.fakeims.server.internal.core.ImsRejection;
import io.github.fakeims.server.internal.core.Outcome;
import io.github.fakeims.server.internal.http.FormParams;
import io.github.fakeims.server.internal.http.ImsRequest;
import io.github.fakeims.server.internal.http.ImsResponse;
import io.github.fakeims.server.internal.token.AccessTokens;
import io.github.fakeims.server.internal.token.IssuedToken;
import io.github.fakeims.server.internal.token.TokenCheck;
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
            return TokenCheck.invalid(TokenCheck.CLIENT_REMOVED, "the credential of client_id " + check.token().orElseThrow().clientId()
                    + " that this token was issued to is no longer registered");
        }
        return check;
    }

    /**
     * {@code POST} or {@code GET /ims/validate_token/v1}: 200, {@code valid} true with the claims, or false with a
     * snake_case code as {@code reason} (the prose goes in the reason header and the journal); 400 without
     * {@code client_id} or a token.
     */
    public HandlerResult validate(ImsRequest request) throws ImsRejection {
        FormParams params = request.params();
        String token = params.get("token").or(request::bearerToken)
                .orElseThrow(() -> new ImsRejection(ImsError.missingParameter("token")));
        String clientId = required(params, "client_id");
        String type = params.get("type").orElse("access_token");
        Map<String, Object> body = new LinkedHashMap<>();
        TokenCheck check = check(token);
        if (!type.equals("access_token")) {
            check = TokenCheck.invalid("invalid_type", "type was " + type + "; the fake validates access_token only");
        } else if (check.isValid() && !check.token().orElseThrow().clientId().equals(clientId)) {
            check = TokenCheck.invalid("invalid_client", "the token was issued to client_id "
                    + check.token().orElseThrow().clientId() + ", not " + clientId);
        }
        if (check.isValid()) {
            body.put("valid", true);
            body.put("token", check.token().orElseThrow().claims());
            return HandlerResult.answered(ImsResponse.json(200, body));
        }
        body.put("valid", false);
        body.put("reason", check.code());
        return new HandlerResult(ImsResponse.json(200, body), Outcome.noted(check.code() + ": " + check.reason()));
    }

    /**
     * {@code POST /ims/invalidate_token/v2}: the client invalidates one of its tokens; 200. The secret is
     * required for {@code token_type=service_token} only, as in Adobe's ims-go (imscli has no secret flag
     * for access tokens); when sent, it must match.
     */
    public HandlerResult invalidate(ImsRequest request) throws ImsRejection {
        FormParams params = request.params();
        String token = required(params, "token");
        if (params.get("token_type").filter("service_token"::equals).isPresent()) {
            required(params, "client_secret");
        }
        invalidateOwnToken(token, client(params).clientId());
        return HandlerResult.answered(ImsResponse.empty(200));
    }

    /** {@code POST /ims/revoke}: like invalidate, the client named by Basic auth or {@code client_id}; 200, empty body. */
    public HandlerResult revoke(ImsRequest request) throws ImsRejection {
        FormParams params = request.params();
        String token = required(params, "token");
        invalidateOwnToken(token, client(params).clientId());
        return HandlerResult.answered(ImsResponse.empty(200));
    }

    /** The client by id and secret when a secret is sent (form or Basic), else by {@code client_id} alone. */
    private Credential client(FormParams params) throws ImsRejection {
        return params.get("client_secret").isPresent()
                ? authenticator.authenticate(params)
                : authenticator.identify(required(params, "client_id"));
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
}
