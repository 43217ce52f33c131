package io.github.fakeims.server.internal.handler;

import io.github.fakeims.server.Credential;
import io.github.fakeims.server.Grant;
import io.github.fakeims.server.internal.credential.ClientAuthenticator;
import io.github.fakeims.server.internal.core.HandlerResult;
import io.github.fakeims.server.internal.core.ImsError;
import io.github.fakeims.server.internal.core.ImsRejection;
import io.github.fakeims.server.internal.core.Outcome;
import io.github.fakeims.server.internal.http.ImsRequest;
import io.github.fakeims.server.internal.http.ImsResponse;
import io.github.fakeims.server.internal.token.AccessTokens;
import io.github.fakeims.server.internal.token.IssuedToken;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code POST /ims/token[/v1…v4]}: OAuth Server-to-Server ({@code grant_type=client_credentials},
 * {@code expires_in} in seconds). User-login grants are not simulated.
 */
public final class TokenHandler implements Handler {

    private final ClientAuthenticator authenticator;
    private final AccessTokens tokens;

    public TokenHandler(ClientAuthenticator authenticator, AccessTokens tokens) {
        this.authenticator = authenticator;
        this.tokens = tokens;
    }

    @Override
    public HandlerResult handle(ImsRequest request) throws ImsRejection {
        String grantType = request.params().get("grant_type").orElse("");
        switch (grantType) {
            case "client_credentials":
                return clientCredentials(request);
            case "":
                throw new ImsRejection(ImsError.unsupportedGrant("grant_type is missing; OAuth Server-to-Server sends grant_type=client_credentials"));
            case "authorization_code", "refresh_token":
                throw new ImsRejection(ImsError.unsupportedGrant("grant_type " + grantType
                        + " is a user login; the fake simulates Service Account and OAuth Server-to-Server credentials only"));
            default:
                throw new ImsRejection(ImsError.unsupportedGrant("grant_type " + grantType + " is unknown; expected client_credentials"));
        }
    }

    private HandlerResult clientCredentials(ImsRequest request) throws ImsRejection {
        Credential credential = authenticator.authenticate(request.params(), Grant.CLIENT_CREDENTIALS);
        Set<String> requested = new LinkedHashSet<>();
        Arrays.stream(request.params().get("scope").orElse("").split("[,\\s]+"))
                .map(String::trim)
                .filter(scope -> !scope.isEmpty())
                .forEach(requested::add);
        if (requested.isEmpty()) {
            throw new ImsRejection(ImsError.scopes("no scope was requested; ask for some of "
                    + new TreeSet<>(credential.scopes()) + " as scope=a,b,c"));
        }
        Set<String> notGranted = new TreeSet<>(requested);
        notGranted.removeAll(credential.scopes());
        if (!notGranted.isEmpty()) {
            throw new ImsRejection(ImsError.scopes("scope(s) " + notGranted + " are not granted to client_id "
                    + credential.clientId() + " (granted: " + new TreeSet<>(credential.scopes()) + ")"));
        }
        IssuedToken token = tokens.mint(credential, Grant.CLIENT_CREDENTIALS, requested, Set.of());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token.value());
        body.put("token_type", "bearer");
        body.put("expires_in", tokens.remaining(token).toSeconds());
        return new HandlerResult(ImsResponse.json(200, body), Outcome.issued(token.id()));
    }
}
