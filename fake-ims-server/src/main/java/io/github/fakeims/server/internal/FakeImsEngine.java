package io.github.fakeims.server.internal;

import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsTls;
import io.github.fakeims.server.ImsEndpoint;
import io.github.fakeims.server.internal.admin.AdminApi;
import io.github.fakeims.server.internal.control.EngineControl;
import io.github.fakeims.server.internal.control.FaultSchedule;
import io.github.fakeims.server.internal.control.JournalStore;
import io.github.fakeims.server.internal.control.RequestJournal;
import io.github.fakeims.server.internal.control.SettableClock;
import io.github.fakeims.server.internal.core.ImsError;
import io.github.fakeims.server.internal.credential.ClientAuthenticator;
import io.github.fakeims.server.internal.credential.CredentialStore;
import io.github.fakeims.server.internal.handler.DiscoveryHandlers;
import io.github.fakeims.server.internal.handler.JwtExchangeHandler;
import io.github.fakeims.server.internal.handler.ProfileHandlers;
import io.github.fakeims.server.internal.handler.Router;
import io.github.fakeims.server.internal.handler.TokenHandler;
import io.github.fakeims.server.internal.handler.TokenValidationHandlers;
import io.github.fakeims.server.internal.http.HttpServerAdapter;
import io.github.fakeims.server.internal.http.ImsResponse;
import io.github.fakeims.server.internal.jwt.AcceptedBaseUrls;
import io.github.fakeims.server.internal.jwt.ServiceAccountJwtVerifier;
import io.github.fakeims.server.internal.keys.FakeMadeKeys;
import io.github.fakeims.server.internal.token.AccessTokens;
import java.net.URI;
import java.util.Optional;
import java.util.List;
import java.util.Map;

/** Wires the stores, verifiers, minter, handlers and control plane of one fake IMS; knows nothing of sockets. */
public final class FakeImsEngine implements HttpServerAdapter.Engine {

    private final CredentialStore credentials;
    private final Dispatcher dispatcher;
    private final EngineControl control;

    public FakeImsEngine(FakeImsConfig config, int port, URI baseUrl) {
        this(config, baseUrl, List.of(baseUrl), Optional.empty(), Optional.empty());
    }

    /**
     * An engine behind several listeners: {@code baseUrl} is the default one, {@code listeners} all of them
     * (their loopback aliases are accepted in {@code aud}), {@code httpsUrl} the HTTPS one and {@code tls} its CA.
     */
    public FakeImsEngine(FakeImsConfig config, URI baseUrl, List<URI> listeners, Optional<URI> httpsUrl, Optional<FakeImsTls> tls) {
        SettableClock clock = new SettableClock(config.clock());
        this.credentials = new CredentialStore(config.credentials());
        ClientAuthenticator authenticator = new ClientAuthenticator(credentials);
        AccessTokens tokens = new AccessTokens(clock, config.tokenLifetime(), config.journalSize(), config.tokenSecret());
        ServiceAccountJwtVerifier verifier = new ServiceAccountJwtVerifier(clock);
        AcceptedBaseUrls baseUrls = new AcceptedBaseUrls(listeners, config);
        JournalStore journal = new JournalStore(config.journalSize());
        FaultSchedule faults = new FaultSchedule(clock);
        this.control = new EngineControl(config, baseUrl, credentials, authenticator, tokens, verifier, baseUrls, clock, journal,
                faults, new FakeMadeKeys(config.privateKeys()), httpsUrl);

        TokenValidationHandlers validation = new TokenValidationHandlers(authenticator, credentials, tokens);
        DiscoveryHandlers discovery = new DiscoveryHandlers(tokens, baseUrl);
        ProfileHandlers profile = new ProfileHandlers(validation, credentials);
        Router router = new Router()
                .route(ImsEndpoint.JWT_EXCHANGE, new JwtExchangeHandler(authenticator, verifier, baseUrls, tokens))
                .route(ImsEndpoint.TOKEN, new TokenHandler(authenticator, tokens))
                .route(ImsEndpoint.VALIDATE_TOKEN, validation::validate)
                .route(ImsEndpoint.INVALIDATE_TOKEN, validation::invalidate)
                .route(ImsEndpoint.REVOKE, validation::revoke)
                .route(ImsEndpoint.KEYS, discovery::keys)
                .route(ImsEndpoint.OPENID_CONFIGURATION, discovery::openIdConfiguration)
                .route(ImsEndpoint.ORGANIZATIONS, profile::organizations)
                .route(ImsEndpoint.PROFILE, profile::profile)
                .route(ImsEndpoint.USERINFO, profile::userInfo);
        AdminApi admin = new AdminApi(control, config.adminApi(), config.adminToken(), tls.map(FakeImsTls::caCertificatePem));
        this.dispatcher = new Dispatcher(router, admin, faults, new RequestJournal(journal, clock),
                new RequestGate(config.host(), config.publicBaseUrls(), config.tlsSubjectAlternativeNames()));
    }

    public CredentialStore credentials() {
        return credentials;
    }

    /** The Java control plane: credentials, journal, faults, clock, issued tokens, reset. */
    public EngineControl control() {
        return control;
    }

    /** A request over plain HTTP (for tests that call the engine without a socket). */
    public ImsResponse handle(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        return dispatcher.dispatch("http", method, rawPath, rawQuery, headers, body);
    }

    @Override
    public ImsResponse handle(String scheme, String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        return dispatcher.dispatch(scheme, method, path, rawQuery, headers, body);
    }

    @Override
    public ImsResponse bodyTooSlow(String method, String path) {
        return dispatcher.refuse(new ImsError(408, "invalid_request", "The request took too long to arrive.",
                "the body was still arriving after " + HttpServerAdapter.REQUEST_SECONDS + " s"), method, path);
    }

    @Override
    public boolean isLongPoll(String method, String path) {
        return method.equalsIgnoreCase("POST") && path.replaceAll("/+$", "").equals("/fake-ims/journal/take");
    }

    @Override
    public ImsResponse tooManyLongPolls(String method, String path) {
        return dispatcher.refuse(new ImsError(429, "too_many_requests", "Too many requests are waiting.",
                HttpServerAdapter.MAX_LONG_POLLS + " journal long-polls are already waiting; ask again when one returns"), method, path)
                .withHeader("Retry-After", "1");
    }

    @Override
    public ImsResponse failed(String method, String path, Throwable failure) {
        return dispatcher.failed(method, path, failure);
    }

    @Override
    public ImsResponse bodyTooLarge(String method, String path) {
        return dispatcher.refuse(new ImsError(413, "invalid_request", "The request body is too large.",
                "the body exceeds " + HttpServerAdapter.MAX_BODY_BYTES + " bytes"), method, path);
    }
}
