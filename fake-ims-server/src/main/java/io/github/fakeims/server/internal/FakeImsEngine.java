package io.github.fakeims.server.internal;

import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.internal.handler.DiscoveryHandlers;
import io.github.fakeims.server.internal.handler.JwtExchangeHandler;
import io.github.fakeims.server.internal.handler.ProfileHandlers;
import io.github.fakeims.server.internal.handler.TokenHandler;
import io.github.fakeims.server.internal.handler.TokenValidationHandlers;
import io.github.fakeims.server.internal.http.HttpServerAdapter;
import io.github.fakeims.server.internal.http.ImsResponse;
import io.github.fakeims.server.internal.jwt.ServiceAccountJwtVerifier;
import io.github.fakeims.server.internal.token.AccessTokens;
import com.nimbusds.jwt.SignedJWT;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.Grant;
import java.net.URI;
import java.util.Optional;
import java.util.List;
import java.util.Map;

/** Wires the stores, verifiers, minter and handlers of one fake IMS; knows nothing of sockets. */
public final class FakeImsEngine implements HttpServerAdapter.Engine {

    private final CredentialStore credentials;
    private final Dispatcher dispatcher;
    private final ClientAuthenticator authenticator;
    private final ServiceAccountJwtVerifier verifier;
    private final AcceptedBaseUrls baseUrls;

    public FakeImsEngine(FakeImsConfig config, int port, URI baseUrl) {
        this.credentials = new CredentialStore(config.credentials());
        this.authenticator = new ClientAuthenticator(credentials);
        AccessTokens tokens = new AccessTokens(config.clock(), config.tokenLifetime());
        this.verifier = new ServiceAccountJwtVerifier(config.clock());
        this.baseUrls = new AcceptedBaseUrls(port, baseUrl, config);

        JwtExchangeHandler exchange = new JwtExchangeHandler(authenticator, verifier, baseUrls, tokens);
        TokenHandler token = new TokenHandler(authenticator, tokens);
        TokenValidationHandlers validation = new TokenValidationHandlers(authenticator, credentials, tokens);
        DiscoveryHandlers discovery = new DiscoveryHandlers(tokens, baseUrl);
        ProfileHandlers profile = new ProfileHandlers(validation);

        Router router = new Router()
                .post(exchange, "/ims/exchange/jwt", "/ims/exchange/v1/jwt")
                .post(token, "/ims/token", "/ims/token/v1", "/ims/token/v2", "/ims/token/v3", "/ims/token/v4")
                .post(validation::validate, "/ims/validate_token/v1")
                .post(validation::invalidate, "/ims/invalidate_token/v2")
                .post(validation::revoke, "/ims/revoke")
                .get(discovery::keys, "/ims/keys")
                .get(discovery::openIdConfiguration, "/ims/.well-known/openid-configuration")
                .get(discovery::health, "/fake-ims/health")
                .get(profile::organizations, "/ims/organizations/v5", "/ims/organizations/v6")
                .get(profile::profile, "/ims/profile/v1")
                .get(profile::userInfo, "/ims/userinfo/v2");
        this.dispatcher = new Dispatcher(router);
    }

    public CredentialStore credentials() {
        return credentials;
    }

    /**
     * The exchange's JWT checks for one client, without HTTP, secret or token: a dry run that leaves
     * no {@code jti} used. The {@code aud} may name any base URL accepted without a {@code Host} header.
     */
    public Optional<ImsError> checkServiceAccountJwt(String jwt, String clientId) {
        try {
            SignedJWT parsed = verifier.parse(jwt);
            Credential credential = ClientAuthenticator.checkGrant(authenticator.identify(clientId), Grant.JWT_EXCHANGE);
            verifier.verify(parsed, credential, clientId, baseUrls.fixed(), false);
            return Optional.empty();
        } catch (ImsRejection rejection) {
            return Optional.of(rejection.error());
        }
    }

    @Override
    public ImsResponse handle(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        return dispatcher.dispatch(method, path, rawQuery, headers, body);
    }

    @Override
    public ImsResponse bodyTooSlow(String method, String path) {
        return dispatcher.refuse(new ImsError(408, "invalid_request", "The request took too long to arrive.",
                "the body was still arriving after " + HttpServerAdapter.REQUEST_SECONDS + " s"), method, path);
    }

    @Override
    public ImsResponse bodyTooLarge(String method, String path) {
        return dispatcher.refuse(new ImsError(413, "invalid_request", "The request body is too large.",
                "the body exceeds " + HttpServerAdapter.MAX_BODY_BYTES + " bytes"), method, path);
    }
}
