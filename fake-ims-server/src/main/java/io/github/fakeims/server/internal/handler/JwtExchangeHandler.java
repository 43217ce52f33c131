package io.github.fakeims.server.internal.handler;

import static io.github.fakeims.server.internal.credential.ClientAuthenticator.required;

import com.nimbusds.jwt.SignedJWT;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.Grant;
import io.github.fakeims.server.internal.jwt.AcceptedBaseUrls;
import io.github.fakeims.server.internal.credential.ClientAuthenticator;
import io.github.fakeims.server.internal.core.HandlerResult;
import io.github.fakeims.server.internal.core.ImsError;
import io.github.fakeims.server.internal.core.ImsRejection;
import io.github.fakeims.server.internal.core.Outcome;
import io.github.fakeims.server.internal.http.FormParams;
import io.github.fakeims.server.internal.http.ImsRequest;
import io.github.fakeims.server.internal.http.ImsResponse;
import io.github.fakeims.server.internal.jwt.ServiceAccountAssertion;
import io.github.fakeims.server.internal.jwt.ServiceAccountJwtVerifier;
import io.github.fakeims.server.internal.token.AccessTokens;
import io.github.fakeims.server.internal.token.IssuedToken;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code POST /ims/exchange/jwt}: a Service Account JWT for an access token ({@code expires_in} in ms). */
public final class JwtExchangeHandler implements Handler {

    /** The scopes of a JWT-exchange token when the credential names none. */
    static final List<String> DEFAULT_SCOPES = List.of("openid", "AdobeID");

    private final ClientAuthenticator authenticator;
    private final ServiceAccountJwtVerifier verifier;
    private final AcceptedBaseUrls baseUrls;
    private final AccessTokens tokens;

    public JwtExchangeHandler(ClientAuthenticator authenticator, ServiceAccountJwtVerifier verifier,
                              AcceptedBaseUrls baseUrls, AccessTokens tokens) {
        this.authenticator = authenticator;
        this.verifier = verifier;
        this.baseUrls = baseUrls;
        this.tokens = tokens;
    }

    @Override
    public HandlerResult handle(ImsRequest request) throws ImsRejection {
        FormParams params = request.params();
        String clientId = required(params, "client_id");
        required(params, "client_secret");
        SignedJWT jwt = verifier.parse(params.get("jwt_token").orElseThrow(() -> new ImsRejection(ImsError.missingJwt())));
        Credential credential = authenticator.authenticate(params, Grant.JWT_EXCHANGE);
        ServiceAccountAssertion assertion = verifier.verify(jwt, credential, clientId, baseUrls.forRequest(request));
        // Real JWT-exchange tokens carry the credential's OAuth scopes in scope, not the metascopes.
        IssuedToken token = tokens.mint(credential, Grant.JWT_EXCHANGE,
                credential.scopes().isEmpty() ? DEFAULT_SCOPES : credential.scopes(), assertion.metascopes());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "bearer");
        body.put("access_token", token.value());
        body.put("expires_in", tokens.remaining(token).toMillis());
        // Warnings: tolerated, as IMS does, but said, in the reason header and the journal alike.
        return new HandlerResult(ImsResponse.json(200, body), Outcome.issued(token.id(), jwt, assertion.warnings()));
    }
}
