package io.github.fakeims.server.control;

import static io.github.fakeims.server.ImsErrorAssertions.JSON;
import static io.github.fakeims.server.ImsErrorAssertions.REASON;
import static io.github.fakeims.server.ImsErrorAssertions.assertImsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeIms;
import io.github.fakeims.server.FakeImsAdminException;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.Fault;
import io.github.fakeims.server.GeneratedCredential;
import io.github.fakeims.server.Grant;
import io.github.fakeims.server.ImsEndpoint;
import io.github.fakeims.server.ImsHttp;
import io.github.fakeims.server.IssuedAccessToken;
import io.github.fakeims.server.JournalEntry;
import io.github.fakeims.server.JournalFilter;
import io.github.fakeims.server.JwtVerification;
import io.github.fakeims.server.ServiceAccountJwt;
import io.github.fakeims.server.TestCredentials;
import io.github.fakeims.server.TestKeys;
import io.github.fakeims.server.internal.core.ImsError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The control plane ({@link FakeIms}): credentials, rotation, conversion, journal, faults, clock, issued
 * tokens and reset. IMS calls go over real HTTP to the server; every driving and looking goes through
 * {@link #face}, so the same rules are checked in-process and over the admin HTTP API. Each test has its
 * own server.
 */
abstract class ControlPlaneContract {

    /**
     * The face under test for a running server reached at {@code address} (its own base URL, or a mapped
     * port): the server itself, or an admin client of that address.
     */
    protected abstract FakeIms face(FakeImsServer server, URI address);

    /** Whether the face drives the fake over the admin HTTP API (whose failures are {@link FakeImsAdminException}s). */
    protected abstract boolean overHttp();

    @AutoClose
    private FakeImsServer server;
    private FakeIms ims;

    @BeforeEach
    void startServer() {
        use(FakeImsConfig.defaults());
    }

    /** Replaces this test's server by one started with {@code config}. */
    private void use(FakeImsConfig config) {
        if (server != null) {
            server.close();
        }
        server = FakeImsServer.start(config);
        ims = face(server, server.baseUrl());
    }

    // --- credentials

    @Test
    void registeredCredentialIsListedAndGetsTokensByBothGrants() {
        Credential credential = registered();

        assertThat(ims.credentials()).extracting(Credential::clientId).containsExactly(credential.clientId());
        Credential listed = ims.credential(credential.clientId()).orElseThrow();
        assertThat(listed.clientSecret()).isEqualTo(credential.clientSecret());
        assertThat(listed.orgId()).isEqualTo(credential.orgId());
        assertThat(listed.technicalAccountId()).isEqualTo(credential.technicalAccountId());
        assertThat(listed.certificates()).isEqualTo(credential.certificates());
        assertThat(listed.metascopes()).isEqualTo(credential.metascopes());
        assertThat(listed.scopes()).isEqualTo(credential.scopes());
        assertSucceeded(token(credential));
        assertSucceeded(exchange(credential, jwt(credential)));
    }

    @Test
    void generatedCredentialIsRegisteredAndItsOwnPrivateKeyGetsATokenUntilItIsRemoved() {
        GeneratedCredential generated = ims.generateCredential(TestCredentials.METASCOPE);
        Credential credential = generated.credential();

        assertThat(ims.credentials()).containsExactly(credential);
        assertThat(credential.certificates()).containsExactly(generated.certificate());
        assertThat(credential.metascopes()).containsExactly(TestCredentials.METASCOPE);
        assertThat(credential.scopes()).containsExactlyInAnyOrder("openid", "AdobeID");
        assertThat(generated.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(generated.toString()).doesNotContain(generated.privateKeyPem().lines().skip(1).findFirst().orElseThrow());
        String jwt = ServiceAccountJwt.forCredential(credential, server.baseUrl()).signedWith(generated.privateKey()).serialize();
        assertSucceeded(exchange(credential, jwt));
        assertSucceeded(token(credential));

        assertThat(ims.removeCredential(credential.clientId())).isTrue();
        assertThat(ims.credentials()).isEmpty();
    }

    @Test
    void registeringTheSameClientIdAgainReplacesTheCredential() {
        Credential original = registered();
        Credential replaced = original.toBuilder().clientSecret("p8e-new-secret-" + original.clientId()).build();

        ims.register(replaced);

        assertThat(ims.credentials()).extracting(Credential::clientId).containsExactly(original.clientId());
        assertThat(ims.credential(original.clientId()).orElseThrow().clientSecret()).isEqualTo(replaced.clientSecret());
        assertImsError(token(original), 400, "invalid_client", ImsError.BAD_CLIENT_SECRET);
        assertSucceeded(token(replaced));
    }

    @Test
    void removedCredentialIsRefusedAndItsTokensNoLongerValidate() {
        Credential credential = registered();
        String token = accessToken(token(credential));

        assertThat(ims.removeCredential(credential.clientId())).isTrue();

        assertThat(ims.credential(credential.clientId())).isEmpty();
        assertThat(ims.credentials()).isEmpty();
        assertImsError(token(credential), 400, "invalid_client", ImsError.BAD_CLIENT_ID);
        assertImsError(exchange(credential, jwt(credential)), 400, "invalid_client", ImsError.BAD_CLIENT_ID);
        assertThat(validate(credential, token)).containsEntry("valid", false);
        assertThat(ims.removeCredential(credential.clientId())).as("removing it twice").isFalse();
    }

    @Test
    void credentialOfAnUnknownClientIdIsEmpty() {
        registered();

        assertThat(ims.credential("no-such-client")).isEmpty();
    }

    // --- certificate rotation

    @Test
    void addedCertificateLetsTheNewKeySignWhileTheOldKeyStillWorks() {
        Credential credential = registered();
        X509Certificate newCertificate = TestKeys.certificate(TestKeys.OTHER_KEYS);

        Credential rotated = ims.addCertificate(credential.clientId(), newCertificate);

        assertThat(rotated.certificates()).containsExactly(credential.certificates().get(0), newCertificate);
        assertThat(ims.credential(credential.clientId()).orElseThrow().certificates()).hasSize(2);
        assertSucceeded(exchange(credential, jwt(credential, TestKeys.OTHER_KEYS)));
        assertSucceeded(exchange(credential, jwt(credential, TestKeys.KEYS)));
    }

    @Test
    void removedCertificateNoLongerVerifiesJwtsSignedWithItsKey() {
        Credential credential = registered();
        X509Certificate oldCertificate = credential.certificates().get(0);
        X509Certificate newCertificate = TestKeys.certificate(TestKeys.OTHER_KEYS);
        ims.addCertificate(credential.clientId(), newCertificate);

        Credential rotated = ims.removeCertificate(credential.clientId(), oldCertificate);

        assertThat(rotated.certificates()).containsExactly(newCertificate);
        assertImsError(exchange(credential, jwt(credential, TestKeys.KEYS)), 400, "invalid_token", ImsError.NO_BINDING);
        assertSucceeded(exchange(credential, jwt(credential, TestKeys.OTHER_KEYS)));
    }

    @Test
    void removingTheLastCertificateOfAJwtCredentialIsRefusedAndChangesNothing() {
        Credential credential = registered();
        X509Certificate only = credential.certificates().get(0);

        assertThatThrownBy(() -> ims.removeCertificate(credential.clientId(), only)).isInstanceOf(IllegalArgumentException.class);

        assertThat(ims.credential(credential.clientId()).orElseThrow().certificates()).containsExactly(only);
        assertSucceeded(exchange(credential, jwt(credential)));
    }

    @Test
    void removingAnUnknownCertificateOrFromAnUnknownClientFailsWithNoSuchElement() {
        Credential credential = registered();
        X509Certificate unknown = TestKeys.certificate(TestKeys.OTHER_KEYS);

        assertThatThrownBy(() -> ims.removeCertificate(credential.clientId(), unknown)).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> ims.removeCertificate("no-such-client", credential.certificates().get(0)))
                .isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> ims.addCertificate("no-such-client", unknown)).isInstanceOf(NoSuchElementException.class);
        assertThat(ims.credential(credential.clientId()).orElseThrow().certificates()).isEqualTo(credential.certificates());
    }

    // --- conversion to OAuth Server-to-Server

    @Test
    void convertedCredentialCanNoLongerExchangeJwtsButGetsClientCredentialsTokensWithDefaultScopes() {
        Credential serviceAccount = Credential.builder().randomIds()
                .certificate(TestKeys.certificate(TestKeys.KEYS))
                .metascopes(TestCredentials.METASCOPE)
                .grants(Grant.JWT_EXCHANGE)
                .build();
        ims.register(serviceAccount);
        assertSucceeded(exchange(serviceAccount, jwt(serviceAccount)));

        Credential converted = ims.convertToOAuthServerToServer(serviceAccount.clientId());

        assertThat(converted.grants()).containsExactly(Grant.CLIENT_CREDENTIALS);
        assertThat(converted.scopes()).containsExactlyInAnyOrder("openid", "AdobeID");
        assertThat(converted.clientSecret()).isEqualTo(serviceAccount.clientSecret());
        assertImsError(exchange(serviceAccount, jwt(serviceAccount)), 401, "invalid_client", ImsError.GRANT_NOT_ALLOWED);
        assertSucceeded(token(serviceAccount));
        assertThatThrownBy(() -> ims.convertToOAuthServerToServer("no-such-client")).isInstanceOf(NoSuchElementException.class);
    }

    // --- journal

    @Test
    void journalEntryOfAnExchangeShowsTheDecodedJwtAndTheIssuedTokenWithSecretsMasked() throws Exception {
        Credential credential = registered();
        String jwt = jwt(credential);
        String accessToken = accessToken(exchange(credential, jwt));

        JournalEntry entry = only(ims.journal().entries(JournalFilter.of(ImsEndpoint.JWT_EXCHANGE)));

        assertThat(entry.endpoint()).isEqualTo(ImsEndpoint.JWT_EXCHANGE);
        assertThat(entry.method()).isEqualTo("POST");
        assertThat(entry.path()).isEqualTo("/ims/exchange/jwt");
        assertThat(entry.clientId()).hasValue(credential.clientId());
        assertThat(entry.parameters()).containsEntry("client_id", credential.clientId())
                .containsKeys("client_secret", "jwt_token");
        assertThat(entry.parameters().values()).allSatisfy(value -> assertThat(value)
                .doesNotContain(credential.clientSecret()).doesNotContain(jwt).doesNotContain(signatureOf(jwt)));
        assertThat(entry.toString()).doesNotContain(credential.clientSecret()).doesNotContain(signatureOf(jwt));
        assertThat(entry.jwtHeader()).hasValueSatisfying(header -> assertThat(header).containsEntry("alg", "RS256"));
        assertThat(entry.jwtClaims()).hasValueSatisfying(claims -> assertThat(claims)
                .containsEntry("iss", credential.orgId())
                .containsEntry("sub", credential.technicalAccountId())
                .containsEntry("aud", server.baseUrl() + "/c/" + credential.clientId()));
        assertThat(entry.status()).isEqualTo(200);
        assertThat(entry.succeeded()).isTrue();
        assertThat(entry.tokenId()).hasValue(SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("id"));
        assertThat(entry.error()).isEmpty();
        assertThat(entry.fault()).isEmpty();
    }

    @Test
    void journalEntryOfARejectedRequestCarriesTheErrorAndThePreciseReasonSentInTheHeaders() {
        Credential credential = registered();
        HttpResponse<String> response = token(credential.toBuilder().clientSecret("p8e-wrong-secret").build());

        JournalEntry entry = only(ims.journal().entries());

        assertThat(entry.status()).isEqualTo(400);
        assertThat(entry.succeeded()).isFalse();
        assertThat(entry.tokenId()).isEmpty();
        assertThat(entry.error()).hasValue("invalid_client");
        assertThat(entry.errorDescription()).hasValue(ImsError.BAD_CLIENT_SECRET);
        assertThat(entry.debugId()).isEqualTo(response.headers().firstValue("x-debug-id").orElseThrow());
        assertThat(entry.parameters().get("client_secret")).doesNotContain("p8e-wrong-secret");
        assertThat(entry.reason()).hasValue(response.headers().firstValue(REASON).orElseThrow());
    }

    @Test
    void journalFiltersSelectByEndpointClientOutcomeErrorAndSequence() {
        Credential alice = registered();
        Credential bob = registered();
        token(alice);                                                          // #1 TOKEN alice 200
        token(bob.toBuilder().clientSecret("p8e-wrong").build());              // #2 TOKEN bob 400 invalid_client
        exchange(alice, jwt(alice));                                           // #3 JWT_EXCHANGE alice 200
        exchange(bob, jwt(bob, TestKeys.OTHER_KEYS));                          // #4 JWT_EXCHANGE bob 400 invalid_token
        List<Long> all = sequences(JournalFilter.all());
        assertThat(all).hasSize(4);

        assertThat(sequences(JournalFilter.of(ImsEndpoint.TOKEN))).containsExactly(all.get(0), all.get(1));
        assertThat(sequences(JournalFilter.all().clientId(bob.clientId()))).containsExactly(all.get(1), all.get(3));
        assertThat(sequences(JournalFilter.all().succeeded())).containsExactly(all.get(0), all.get(2));
        assertThat(sequences(JournalFilter.all().failed())).containsExactly(all.get(1), all.get(3));
        assertThat(sequences(JournalFilter.all().error("invalid_token"))).containsExactly(all.get(3));
        assertThat(sequences(JournalFilter.all().afterSequence(all.get(1)))).containsExactly(all.get(2), all.get(3));
        assertThat(sequences(JournalFilter.of(ImsEndpoint.JWT_EXCHANGE).clientId(alice.clientId()).succeeded()))
                .containsExactly(all.get(2));
        assertThat(sequences(JournalFilter.of(ImsEndpoint.REVOKE))).isEmpty();
    }

    @Test
    void journalListsIMSRequestsOldestFirstAndLeavesOutAdminRequests() {
        Credential credential = registered();
        ImsHttp.get(server.baseUrl().resolve("/ims/keys"), null);
        ims.credentials();
        ImsHttp.get(server.baseUrl().resolve("/fake-ims/credentials"), null);
        token(credential);
        ims.clock().now();
        ImsHttp.get(server.baseUrl().resolve("/ims/.well-known/openid-configuration"), null);

        List<JournalEntry> entries = ims.journal().entries();

        assertThat(entries).extracting(JournalEntry::path)
                .containsExactly("/ims/keys", "/ims/token/v3", "/ims/.well-known/openid-configuration");
        assertThat(entries).extracting(JournalEntry::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(entries).extracting(JournalEntry::time).isSorted();
    }

    @Test
    void journalKeepsOnlyTheNewestEntriesAndCountsTheDroppedOnes() {
        use(FakeImsConfig.builder().journalSize(3).build());

        for (int i = 0; i < 5; i++) {
            keys();
        }

        assertThat(ims.journal().entries()).extracting(JournalEntry::sequence).containsExactly(3L, 4L, 5L);
        assertThat(ims.journal().droppedCount()).isEqualTo(2);
    }

    @Test
    void clearingTheJournalEmptiesItAndResetsTheDroppedCountWhileSequencesGoOn() {
        use(FakeImsConfig.builder().journalSize(3).build());
        for (int i = 0; i < 5; i++) {
            keys();
        }

        ims.journal().clear();

        assertThat(ims.journal().entries()).isEmpty();
        assertThat(ims.journal().droppedCount()).isZero();
        keys();
        assertThat(ims.journal().entries()).extracting(JournalEntry::sequence).containsExactly(6L);
    }

    // --- takeNext

    @Test
    void takeNextWaitsForAnEntryThatArrivesLater() {
        CompletableFuture<HttpResponse<String>> later = CompletableFuture.supplyAsync(
                () -> ImsHttp.get(server.baseUrl().resolve("/ims/keys"), null),
                CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));

        Optional<JournalEntry> taken = ims.journal().takeNext(JournalFilter.of(ImsEndpoint.KEYS), Duration.ofSeconds(20));

        assertThat(taken).hasValueSatisfying(entry -> assertThat(entry.endpoint()).isEqualTo(ImsEndpoint.KEYS));
        assertThat(later.join().statusCode()).isEqualTo(200);
    }

    @Test
    void takeNextIsEmptyWhenNothingMatchesInTime() {
        keys();

        assertThat(ims.journal().takeNext(JournalFilter.of(ImsEndpoint.TOKEN), Duration.ofMillis(200))).isEmpty();
    }

    @Test
    void takeNextTakesEachEntryOnlyOnce() {
        keys();
        keys();

        JournalEntry first = ims.journal().takeNext(JournalFilter.all(), Duration.ofSeconds(5)).orElseThrow();
        JournalEntry second = ims.journal().takeNext(JournalFilter.all(), Duration.ofSeconds(5)).orElseThrow();

        assertThat(second.sequence()).isGreaterThan(first.sequence());
        assertThat(ims.journal().takeNext(JournalFilter.all(), Duration.ofMillis(200))).isEmpty();
        assertThat(ims.journal().entries()).as("taking does not remove from the journal").hasSize(2);
    }

    @Test
    void takeNextSkipsEntriesThatDoNotMatchItsFilterAndLeavesThemForLater() {
        Credential credential = registered();
        keys();
        token(credential);

        JournalEntry tokenEntry = ims.journal().takeNext(JournalFilter.of(ImsEndpoint.TOKEN), Duration.ofSeconds(5)).orElseThrow();
        JournalEntry keysEntry = ims.journal().takeNext(JournalFilter.all(), Duration.ofSeconds(5)).orElseThrow();

        assertThat(tokenEntry.endpoint()).isEqualTo(ImsEndpoint.TOKEN);
        assertThat(keysEntry.endpoint()).isEqualTo(ImsEndpoint.KEYS);
        assertThat(ims.journal().takeNext(JournalFilter.all(), Duration.ofMillis(200))).isEmpty();
    }

    // --- faults

    @Test
    void nextTwoTokenCallsAnswer429WithRetryAfterThenTheThirdSucceeds() {
        Credential credential = registered();
        ims.faults().add(Fault.tooManyRequests(Duration.ofSeconds(3)).on(ImsEndpoint.TOKEN).times(2));
        assertThat(ims.faults().pending()).containsExactly(Fault.tooManyRequests(Duration.ofSeconds(3)).on(ImsEndpoint.TOKEN).times(2));

        HttpResponse<String> first = token(credential);
        HttpResponse<String> second = token(credential);
        HttpResponse<String> third = token(credential);

        assertThrottled(first, "3");
        assertThrottled(second, "3");
        assertSucceeded(third);
        assertThat(ims.faults().pending()).isEmpty();
        List<JournalEntry> entries = ims.journal().entries(JournalFilter.of(ImsEndpoint.TOKEN));
        assertThat(entries).extracting(JournalEntry::status).containsExactly(429, 429, 200);
        assertThat(entries.subList(0, 2)).allSatisfy(entry ->
                assertThat(entry.fault()).hasValueSatisfying(fault -> assertThat(fault).contains("429 Retry-After: 3")));
        assertThat(entries.get(2).fault()).isEmpty();
    }

    @Test
    void scriptedServerErrorsAnswerTheirStatusInOrderWithImsShapedBodies() {
        Credential credential = registered();
        ims.faults().add(Fault.status(503));
        ims.faults().add(Fault.status(500));

        assertImsShapedError(token(credential), 503);
        assertImsShapedError(token(credential), 500);
        assertSucceeded(token(credential));
        assertThat(ims.journal().entries()).extracting(JournalEntry::status).containsExactly(503, 500, 200);
    }

    @Test
    void faultForOneClientDoesNotHitOtherClients() {
        Credential target = registered();
        Credential bystander = registered();
        ims.faults().add(Fault.status(503).forClient(target.clientId()));

        assertSucceeded(token(bystander));
        assertSucceeded(exchange(bystander, jwt(bystander)));
        assertImsShapedError(token(target), 503);
        assertThat(ims.faults().pending()).isEmpty();
    }

    @Test
    void faultOnOneEndpointDoesNotHitOtherEndpoints() {
        Credential credential = registered();
        ims.faults().add(Fault.status(503).on(ImsEndpoint.JWT_EXCHANGE));

        assertSucceeded(token(credential));
        assertThat(keys().statusCode()).isEqualTo(200);
        assertImsShapedError(exchange(credential, jwt(credential)), 503);
        assertThat(ims.faults().pending()).isEmpty();
    }

    @Test
    void delayedCallStillSucceedsAndTheJournalNamesTheDelay() {
        Credential credential = registered();
        ims.faults().add(Fault.delay(Duration.ofMillis(100)).on(ImsEndpoint.TOKEN));

        assertSucceeded(token(credential));

        JournalEntry entry = only(ims.journal().entries());
        assertThat(entry.status()).isEqualTo(200);
        assertThat(entry.tokenId()).isPresent();
        assertThat(entry.fault()).hasValueSatisfying(fault -> assertThat(fault).contains("delay 100 ms"));
    }

    @Test
    void droppedConnectionFailsTheClientWithAnIoErrorAndIsJournaledWithStatusZero() {
        Credential credential = registered();
        ims.faults().add(Fault.dropConnection().on(ImsEndpoint.TOKEN));

        assertThatThrownBy(() -> token(credential)).isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);

        JournalEntry entry = only(ims.journal().entries());
        assertThat(entry.status()).isZero();
        assertThat(entry.succeeded()).isFalse();
        assertThat(entry.tokenId()).isEmpty();
        assertThat(entry.fault()).hasValueSatisfying(fault -> assertThat(fault).contains("dropped connection"));
        assertThat(ims.issuedTokens().list()).isEmpty();
        assertSucceeded(token(credential));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fault.Malformation.class)
    void malformedBodyBreaksTheSuccessfulAnswerButTheTokenIsStillIssued(Fault.Malformation malformation) {
        Credential credential = registered();
        ims.faults().add(Fault.malformedBody(malformation).on(ImsEndpoint.TOKEN));

        HttpResponse<String> response = token(credential);

        assertThat(response.statusCode()).isEqualTo(200);
        assertMalformed(response, malformation);
        assertThat(ims.issuedTokens().list()).hasSize(1);
        JournalEntry entry = only(ims.journal().entries());
        assertThat(entry.tokenId()).hasValue(ims.issuedTokens().list().get(0).id());
        assertThat(entry.fault()).hasValueSatisfying(fault -> assertThat(fault).contains("malformed body " + malformation));
    }

    @Test
    void timedFaultHitsEveryCallUntilTheClockPassesItsEnd() {
        Credential credential = registered();
        ims.clock().fixAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        ims.faults().add(Fault.status(503).on(ImsEndpoint.TOKEN).during(Duration.ofMinutes(10)));

        for (int i = 0; i < 3; i++) {
            assertImsShapedError(token(credential), 503);
        }
        assertThat(ims.faults().pending()).containsExactly(Fault.status(503).on(ImsEndpoint.TOKEN).during(Duration.ofMinutes(10)));

        ims.clock().advance(Duration.ofMinutes(4));
        assertThat(ims.faults().pending()).containsExactly(Fault.status(503).on(ImsEndpoint.TOKEN).during(Duration.ofMinutes(6)));
        assertImsShapedError(token(credential), 503);

        ims.clock().advance(Duration.ofMinutes(6));
        assertSucceeded(token(credential));
        assertThat(ims.faults().pending()).isEmpty();
    }

    @Test
    void pendingShowsTheCallsLeftInOrderAndClearRemovesThemAll() {
        Credential credential = registered();
        Fault throttle = Fault.tooManyRequests(Duration.ofSeconds(3)).on(ImsEndpoint.TOKEN).times(3);
        Fault outage = Fault.status(503).on(ImsEndpoint.JWT_EXCHANGE);
        ims.faults().add(throttle);
        ims.faults().add(outage);

        token(credential);

        assertThat(ims.faults().pending()).containsExactly(throttle.times(2), outage);
        ims.faults().clear();
        assertThat(ims.faults().pending()).isEmpty();
        assertSucceeded(token(credential));
        assertSucceeded(exchange(credential, jwt(credential)));
    }

    // --- clock

    @Test
    void fixedClockStandsStillAtTheGivenInstantAndMovesOnlyWhenAdvanced() {
        Instant instant = Instant.parse("2030-06-01T12:00:00.123Z");

        ims.clock().fixAt(instant);

        assertThat(ims.clock().isFixed()).isTrue();
        assertThat(ims.clock().now()).isEqualTo(instant);
        ims.clock().advance(Duration.ofHours(1));
        assertThat(ims.clock().now()).isEqualTo(instant.plus(Duration.ofHours(1)));
        assertThat(ims.clock().isFixed()).isTrue();
    }

    @Test
    void jwtIsRefusedOnceTheClockPassesItsExpiryPlusThirtySecondsOfSkew() {
        Credential credential = registered();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ims.clock().fixAt(now);
        String jwt = jwtExpiringAt(credential, now.plusSeconds(180));

        ims.clock().advance(Duration.ofSeconds(180 + 30));
        assertSucceeded(exchange(credential, jwt));

        ims.clock().advance(Duration.ofSeconds(1));
        assertImsError(exchange(credential, jwt), 400, "invalid_token", ImsError.EXPIRED, "exp was");
    }

    @Test
    void certificateIsValidOnlyWithinItsDatesByTheFakesClock() {
        X509Certificate future = TestKeys.certificate(TestKeys.KEYS,
                Instant.parse("2030-01-01T00:00:00Z"), Instant.parse("2031-01-01T00:00:00Z"));
        Credential credential = TestCredentials.onlyCertificate(future);
        ims.register(credential);

        assertImsError(exchange(credential, jwt(credential)), 400, "invalid_token", ImsError.NO_BINDING);

        Instant then = Instant.parse("2030-06-01T00:00:00Z");
        ims.clock().fixAt(then);
        assertSucceeded(exchange(credential, jwtExpiringAt(credential, then.plusSeconds(180))));
    }

    @Test
    void issuedTokenExpiresByTheFakesClock() {
        Credential credential = registered();
        String token = accessToken(token(credential));
        assertThat(validate(credential, token)).containsEntry("valid", true);

        ims.clock().advance(Duration.ofHours(25));

        assertThat(validate(credential, token)).containsEntry("valid", false);
    }

    @Test
    void resetClockRunsOnSystemTimeAgain() {
        ims.clock().fixAt(Instant.parse("2030-06-01T00:00:00Z"));
        ims.clock().reset();
        assertThat(ims.clock().isFixed()).isFalse();

        ims.clock().advance(Duration.ofDays(3));
        ims.clock().reset();

        Instant before = Instant.now();
        Instant now = ims.clock().now();
        Instant after = Instant.now();
        assertThat(now).isBetween(before, after);
        assertThat(ims.clock().isFixed()).isFalse();
    }

    // --- issued tokens

    @Test
    void issuedTokensListsEachTokenWithItsClaimsAndFindsItByValue() throws Exception {
        Credential credential = registered();
        String oauth = accessToken(token(credential));
        String exchanged = accessToken(exchange(credential, jwt(credential)));

        List<IssuedAccessToken> issued = ims.issuedTokens().list();

        assertThat(issued).extracting(IssuedAccessToken::value).containsExactly(oauth, exchanged);
        assertThat(issued).allSatisfy(token -> {
            assertThat(token.state()).isEqualTo(IssuedAccessToken.State.VALID);
            assertThat(token.clientId()).isEqualTo(credential.clientId());
            assertThat(token.claims()).containsEntry("client_id", credential.clientId());
            assertThat(token.id()).isEqualTo(SignedJWT.parse(token.value()).getJWTClaimsSet().getStringClaim("id"));
        });
        // OAuth scopes in scope for both grants, org on the S2S token only, the metascopes in the record: as real IMS.
        assertThat(issued.get(0).claims()).containsEntry("org", credential.orgId());
        assertThat(issued.get(1).claims()).doesNotContainKey("org");
        assertThat(issued.get(0).scope()).isEqualTo("openid,AdobeID");
        assertThat(issued.get(0).metascopes()).isEmpty();
        assertThat(issued.get(1).scope()).isEqualTo(String.join(",", credential.scopes()));
        assertThat(issued.get(1).metascopes()).containsExactly(TestCredentials.METASCOPE);
        IssuedAccessToken found = ims.issuedTokens().find(exchanged).orElseThrow();
        assertThat(found.id()).isEqualTo(issued.get(1).id());
        assertThat(found.metascopes()).containsExactly(TestCredentials.METASCOPE);
        assertThat(found.state()).isEqualTo(IssuedAccessToken.State.VALID);
        assertThat(found.expiresAt()).isEqualTo(found.createdAt().plus(Duration.ofHours(24)));
        assertThat(ims.issuedTokens().find("garbage")).isEmpty();
    }

    @Test
    void invalidatedTokenIsShownAsInvalidated() {
        Credential credential = registered();
        String token = accessToken(token(credential));

        HttpResponse<String> response = ImsHttp.postForm(server.baseUrl().resolve("/ims/invalidate_token/v2"), Map.of(
                "token_type", "access_token", "token", token,
                "client_id", credential.clientId(), "client_secret", credential.clientSecret()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(stateOf(token)).isEqualTo(IssuedAccessToken.State.INVALIDATED);
        assertThat(ims.issuedTokens().list()).extracting(IssuedAccessToken::state).containsExactly(IssuedAccessToken.State.INVALIDATED);
    }

    @Test
    void tokenOfARemovedCredentialIsShownAsCredentialRemoved() {
        Credential credential = registered();
        String token = accessToken(token(credential));

        ims.removeCredential(credential.clientId());

        assertThat(stateOf(token)).isEqualTo(IssuedAccessToken.State.CREDENTIAL_REMOVED);
    }

    @Test
    void tokenPastItsLifetimeIsShownAsExpired() {
        Credential credential = registered();
        String token = accessToken(token(credential));

        ims.clock().advance(Duration.ofHours(24).plusSeconds(1));

        assertThat(stateOf(token)).isEqualTo(IssuedAccessToken.State.EXPIRED);
        assertThat(ims.issuedTokens().list()).extracting(IssuedAccessToken::state).containsExactly(IssuedAccessToken.State.EXPIRED);
    }

    // --- reset

    @Test
    void resetRestoresTheConfiguredCredentials() {
        Credential rotated = TestCredentials.credential();
        Credential removed = TestCredentials.credential();
        use(FakeImsConfig.builder().credential(rotated).credential(removed).build());
        Credential added = registered();
        ims.removeCredential(removed.clientId());
        ims.addCertificate(rotated.clientId(), TestKeys.certificate(TestKeys.OTHER_KEYS));
        ims.removeCertificate(rotated.clientId(), rotated.certificates().get(0));

        ims.reset();

        assertThat(ims.credentials()).extracting(Credential::clientId)
                .containsExactlyInAnyOrder(rotated.clientId(), removed.clientId());
        assertThat(ims.credential(added.clientId())).isEmpty();
        assertThat(ims.credential(rotated.clientId()).orElseThrow().certificates()).isEqualTo(rotated.certificates());
        assertSucceeded(exchange(rotated, jwt(rotated, TestKeys.KEYS)));
        assertImsError(exchange(rotated, jwt(rotated, TestKeys.OTHER_KEYS)), 400, "invalid_token", ImsError.NO_BINDING);
        assertSucceeded(token(removed));
        assertImsError(token(added), 400, "invalid_client", ImsError.BAD_CLIENT_ID);
    }

    @Test
    void resetClearsJournalFaultsAndClockAndForgetsEveryIssuedToken() {
        Credential configured = TestCredentials.credential();
        use(FakeImsConfig.builder().credential(configured).build());
        String token = accessToken(token(configured));
        ims.faults().add(Fault.status(503).on(ImsEndpoint.TOKEN).times(5));
        ims.clock().fixAt(Instant.parse("2030-06-01T00:00:00Z"));

        ims.reset();

        assertThat(ims.journal().entries()).isEmpty();
        assertThat(ims.journal().droppedCount()).isZero();
        assertThat(ims.faults().pending()).isEmpty();
        assertThat(ims.clock().isFixed()).isFalse();
        assertThat(ims.issuedTokens().list()).isEmpty();
        assertThat(ims.issuedTokens().find(token)).isEmpty();
        assertThat(validate(configured, token)).containsEntry("valid", false);
        assertSucceeded(token(configured));
    }

    // --- verifyServiceAccountJwt

    @Test
    void verifyServiceAccountJwtAcceptsAValidJwtAndExplainsARejection() {
        Credential credential = registered();

        JwtVerification accepted = ims.verifyServiceAccountJwt(jwt(credential), credential.clientId());
        JwtVerification rejected = ims.verifyServiceAccountJwt(jwt(credential, TestKeys.OTHER_KEYS), credential.clientId());

        assertThat(accepted.accepted()).isTrue();
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(rejected.accepted()).isFalse();
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.error()).isEqualTo("invalid_token");
        assertThat(rejected.errorDescription()).isEqualTo(ImsError.NO_BINDING);
        assertThat(rejected.reason()).contains("the signature does not verify");
        assertThat(ims.journal().entries()).as("a dry run is no IMS request").isEmpty();
        assertThat(ims.issuedTokens().list()).as("a dry run issues nothing").isEmpty();
    }

    // --- where the two faces used to disagree

    @SuppressWarnings("unchecked")
    @Test
    void journalEntriesAreDeeplyImmutableNestedClaimsIncluded() {
        Credential credential = registered();
        exchange(credential, ServiceAccountJwt.forCredential(credential, server.baseUrl())
                .claims(claims -> claims.claim("roles", List.of("reader")).claim("extra", Map.of("tags", List.of("a"))))
                .serialize());

        Map<String, Object> claims = only(ims.journal().entries()).jwtClaims().orElseThrow();

        assertThatThrownBy(() -> ((List<Object>) claims.get("roles")).add("admin")).isInstanceOf(UnsupportedOperationException.class);
        Map<String, Object> extra = (Map<String, Object>) claims.get("extra");
        assertThatThrownBy(() -> ((List<Object>) extra.get("tags")).clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> extra.put("tags", List.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThat(only(ims.journal().entries()).jwtClaims().orElseThrow().get("roles")).isEqualTo(List.of("reader"));
    }

    @Test
    void verifyServiceAccountJwtAcceptsAJwtForTheAddressTheFaceReachesTheFakeAt() {
        Credential credential = registered();
        try (PortForward mapped = PortForward.to(server.port())) {
            FakeIms reached = face(server, mapped.url());
            String jwt = ServiceAccountJwt.forCredential(credential, reached.baseUrl()).signedWith(TestKeys.KEYS.getPrivate()).serialize();

            JwtVerification verification = reached.verifyServiceAccountJwt(jwt, credential.clientId());

            assertThat(verification.accepted()).as("%s", verification).isTrue();
        }
    }

    @Test
    void aClientIdTheFakeCannotHoldIsFoundNowhereOnEitherFace() {
        String odd = "team/a client%2F/x"; // slashes, a space, a percent sign: no Console id looks like this
        assertThatThrownBy(() -> TestCredentials.credential().toBuilder().clientId(odd).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clientId");

        assertThat(ims.credential(odd)).isEmpty();
        assertThat(ims.removeCredential(odd)).isFalse();
        assertThat(ims.credential("team")).isEmpty();
    }

    @Test
    void aClientIdUsingEveryCharacterAllowedIsReadRotatedConvertedAndRemoved() {
        Credential credential = TestCredentials.credential().toBuilder().clientId("team.a_client~x-1").build();
        ims.register(credential);
        X509Certificate newCertificate = TestKeys.certificate(TestKeys.OTHER_KEYS);

        assertThat(ims.credential(credential.clientId())).hasValueSatisfying(found ->
                assertThat(found.clientId()).isEqualTo(credential.clientId()));
        assertThat(ims.addCertificate(credential.clientId(), newCertificate).certificates()).hasSize(2);
        assertThat(ims.removeCertificate(credential.clientId(), newCertificate).certificates()).hasSize(1);
        assertThat(ims.convertToOAuthServerToServer(credential.clientId()).grants()).containsExactly(Grant.CLIENT_CREDENTIALS);
        assertThat(ims.removeCredential(credential.clientId())).isTrue();
        assertThat(ims.credential(credential.clientId())).isEmpty();
        assertThat(ims.removeCredential(credential.clientId())).isFalse();
    }

    @Test
    void withTheAdminApiOffTheInProcessFaceWorksAndTheRemoteOneFailsInsteadOfAnsweringNone() {
        use(FakeImsConfig.builder().adminApi(false).build());
        Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
        calls.put("credential", () -> ims.credential("no-such-client"));
        calls.put("removeCredential", () -> ims.removeCredential("no-such-client"));
        calls.put("issuedTokens().find", () -> ims.issuedTokens().find("no-such-token"));
        calls.put("journal().takeNext", () -> ims.journal().takeNext(JournalFilter.all(), Duration.ZERO));
        calls.put("clock().now", () -> ims.clock().now());

        calls.forEach((name, call) -> {
            if (overHttp()) {
                assertThatThrownBy(call).as(name).isInstanceOf(FakeImsAdminException.class).hasMessageContaining("adminApi=false");
            } else {
                assertThatCode(call).as(name).doesNotThrowAnyException();
            }
        });
    }

    @Test
    void readingTheClockCostsNoRoundTripAndFollowsChangesMadeThroughTheFaceOrARefresh() {
        try (PortForward mapped = PortForward.to(server.port())) {
            FakeIms reached = face(server, mapped.url());
            Instant instant = Instant.parse("2030-06-01T12:00:00Z");
            reached.clock().fixAt(instant);
            java.time.Clock handedToCodeUnderTest = reached.clock().asClock();
            long sentBefore = mapped.bytesSent();

            for (int i = 0; i < 200; i++) {
                assertThat(handedToCodeUnderTest.instant()).isEqualTo(instant);
            }
            assertThat(reached.clock().isFixed()).isTrue();
            assertThat(mapped.bytesSent()).as("bytes sent to the fake by 200 clock reads").isEqualTo(sentBefore);

            reached.clock().advance(Duration.ofHours(1));
            assertThat(handedToCodeUnderTest.instant()).as("after a change through this face").isEqualTo(instant.plus(Duration.ofHours(1)));
            server.clock().advance(Duration.ofHours(1)); // someone else moves the fake's clock
            reached.clock().refresh();
            assertThat(handedToCodeUnderTest.instant()).as("after a refresh").isEqualTo(instant.plus(Duration.ofHours(2)));
            reached.reset();
            assertThat(reached.clock().isFixed()).as("after a reset of the fake").isFalse();
            assertThat(Duration.between(Instant.now(), handedToCodeUnderTest.instant()).abs()).isLessThan(Duration.ofMinutes(1));
        }
    }

    // --- the "done when" scenario

    @Test
    void aTestScriptsThrottlingAndAnExpiredJwtAndReadsBothInTheJournal() {
        // Given a registered credential, two throttled token calls, and a clock the test controls
        Credential credential = registered();
        ims.faults().add(Fault.tooManyRequests(Duration.ofSeconds(3)).on(ImsEndpoint.TOKEN).times(2));
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ims.clock().fixAt(start);
        String jwt = jwtExpiringAt(credential, start.plusSeconds(180));

        // When the client retries through the throttling, then uses its JWT after it expired
        assertThrottled(token(credential), "3");
        assertThrottled(token(credential), "3");
        assertSucceeded(token(credential));
        ims.clock().advance(Duration.ofMinutes(5));
        HttpResponse<String> expired = exchange(credential, jwt);

        // Then the client saw IMS's answers, and the journal tells the story
        assertImsError(expired, 400, "invalid_token", ImsError.EXPIRED);
        List<JournalEntry> throttled = ims.journal().entries(JournalFilter.of(ImsEndpoint.TOKEN).failed());
        assertThat(throttled).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.status()).isEqualTo(429);
            assertThat(entry.clientId()).hasValue(credential.clientId());
            assertThat(entry.fault()).hasValueSatisfying(fault -> assertThat(fault).contains("429 Retry-After: 3"));
        });
        JournalEntry rejection = only(ims.journal().entries(JournalFilter.of(ImsEndpoint.JWT_EXCHANGE).error("invalid_token")));
        assertThat(rejection.errorDescription()).hasValue(ImsError.EXPIRED);
        assertThat(rejection.reason()).hasValue(expired.headers().firstValue(REASON).orElseThrow());
        assertThat(rejection.reason().orElseThrow()).contains("exp was " + start.plusSeconds(180));
        assertThat(rejection.jwtClaims()).hasValueSatisfying(claims -> assertThat(claims).containsEntry("sub", credential.technicalAccountId()));
        assertThat(ims.journal().entries()).extracting(JournalEntry::status).containsExactly(429, 429, 200, 400);
    }

    // --- helpers: IMS calls over HTTP

    private Credential registered() {
        Credential credential = TestCredentials.credential();
        ims.register(credential);
        return credential;
    }

    private HttpResponse<String> token(Credential credential) {
        return ImsHttp.postForm(server.baseUrl().resolve("/ims/token/v3"), Map.of(
                "grant_type", "client_credentials",
                "client_id", credential.clientId(),
                "client_secret", credential.clientSecret(),
                "scope", "openid,AdobeID"));
    }

    private HttpResponse<String> exchange(Credential credential, String jwt) {
        return ImsHttp.postForm(server.baseUrl().resolve("/ims/exchange/jwt"), Map.of(
                "client_id", credential.clientId(),
                "client_secret", credential.clientSecret(),
                "jwt_token", jwt));
    }

    private HttpResponse<String> keys() {
        return ImsHttp.get(server.baseUrl().resolve("/ims/keys"), null);
    }

    private Map<String, Object> validate(Credential credential, String token) {
        HttpResponse<String> response = ImsHttp.postForm(server.baseUrl().resolve("/ims/validate_token/v1"),
                Map.of("type", "access_token", "client_id", credential.clientId(), "token", token));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ImsHttp.json(response);
    }

    private String jwt(Credential credential) {
        return jwt(credential, TestKeys.KEYS);
    }

    private String jwt(Credential credential, KeyPair signer) {
        return ServiceAccountJwt.forCredential(credential, server.baseUrl()).signedWith(signer.getPrivate()).serialize();
    }

    /** A JWT issued 10 s before {@code exp} - 180 s, for a fake whose clock is not today's. */
    private String jwtExpiringAt(Credential credential, Instant exp) {
        return ServiceAccountJwt.forCredential(credential, server.baseUrl())
                .claims(claims -> claims.claim("iat", exp.getEpochSecond() - 180).claim("exp", exp.getEpochSecond()))
                .serialize();
    }

    private IssuedAccessToken.State stateOf(String token) {
        return ims.issuedTokens().find(token).orElseThrow().state();
    }

    private List<Long> sequences(JournalFilter filter) {
        return ims.journal().entries(filter).stream().map(JournalEntry::sequence).toList();
    }

    // --- helpers: assertions

    private static String accessToken(HttpResponse<String> response) {
        assertSucceeded(response);
        return (String) ImsHttp.json(response).get("access_token");
    }

    private static void assertSucceeded(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("%s; %s: %s", response.body(), REASON,
                response.headers().firstValue(REASON).orElse("")).isEqualTo(200);
        assertThat(ImsHttp.json(response)).containsKey("access_token");
    }

    private static void assertThrottled(HttpResponse<String> response, String retryAfter) {
        assertImsShapedError(response, 429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue(retryAfter);
    }

    /** An error status with IMS's JSON error body and a debug id. */
    private static void assertImsShapedError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(JSON);
        assertThat(ImsHttp.json(response)).containsOnlyKeys("error", "error_description");
        assertThat(response.headers().firstValue("x-debug-id")).isPresent();
    }

    private static void assertMalformed(HttpResponse<String> response, Fault.Malformation malformation) {
        switch (malformation) {
            case EXPIRES_IN_AS_STRING -> assertThat(ImsHttp.json(response)).containsKey("access_token")
                    .hasEntrySatisfying("expires_in", value -> io.github.fakeims.server.ExpiresIn.assertRemainingSeconds(Long.valueOf((String) value)));
            case MISSING_ACCESS_TOKEN -> assertThat(ImsHttp.json(response)).doesNotContainKey("access_token")
                    .hasEntrySatisfying("expires_in", io.github.fakeims.server.ExpiresIn::assertRemainingSeconds);
            case MISSING_EXPIRES_IN -> assertThat(ImsHttp.json(response)).containsKey("access_token")
                    .doesNotContainKey("expires_in");
            case TRUNCATED_JSON -> {
                assertThat(response.body()).isNotEmpty();
                assertThatThrownBy(() -> JSONObjectUtils.parse(response.body())).isInstanceOf(ParseException.class);
            }
            case HTML_PAGE -> {
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
                assertThat(response.body()).contains("<html");
            }
            case EMPTY_BODY -> assertThat(response.body()).isEmpty();
        }
    }

    private static JournalEntry only(List<JournalEntry> entries) {
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    private static String signatureOf(String jwt) {
        return jwt.substring(jwt.lastIndexOf('.') + 1);
    }
}
