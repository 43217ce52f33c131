package io.github.fakeims.server.reliability;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeIms;
import io.github.fakeims.server.FakeImsAdminClient;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.ImsErrorAssertions;
import io.github.fakeims.server.ImsHttp;
import io.github.fakeims.server.JournalEntry;
import io.github.fakeims.server.ServiceAccountJwt;
import io.github.fakeims.server.TestCredentials;
import io.github.fakeims.server.TestKeys;
import java.net.http.HttpResponse;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A bounded soak on one in-process fake: twelve clients exchange JWTs, get client_credentials tokens,
 * validate and invalidate them, while an admin thread registers, rotates and removes credentials through
 * the Java API. Clients use only credentials that are never removed, so every answer they get has one
 * right value; the credentials that are removed ("victims") are used only by the admin, and their tokens
 * are validated by the clients with the removal's start and end as the only window where either answer is
 * right.
 */
class ConcurrentSoakTest {

    private static final int CLIENTS = 12;
    /** Holds every request of a run, so "each exactly once" can be checked. */
    private static final int JOURNAL_SIZE = 100_000;
    private static final int ITERATIONS = 50;
    private static final Duration DEADLINE = Duration.ofSeconds(8);
    private static final int STABLE_CREDENTIALS = 4;
    private static final int MAX_NEWCOMERS = 24;
    private static final String SCOPE = "openid,AdobeID";
    private static final long JWT_EXPIRES_IN_MILLIS = 86_400_000L;
    private static final long CLIENT_CREDENTIALS_EXPIRES_IN_SECONDS = 86_400L;

    private static final int ALIVE = 0;
    private static final int REMOVING = 1;
    private static final int REMOVED = 2;

    private FakeImsServer ims;
    /** Where the credential changes go: the Java API, or the admin HTTP API of the same fake. */
    private FakeIms control;
    private ExecutorService pool;
    /** The x-debug-id of every answer the clients got: each must be in the journal exactly once. */
    private final Queue<String> debugIds = new ConcurrentLinkedQueue<>();

    /** The version of each credential last registered: what {@code credentials()} must hold at the end. */
    private final Map<String, Credential> latest = new ConcurrentHashMap<>();
    /** Client ids the clients may use: registered before being added here, never removed. */
    private final List<String> usable = new CopyOnWriteArrayList<>();
    private final List<VictimToken> victimTokens = new CopyOnWriteArrayList<>();
    private final List<IssuedToken> keptTokens = new CopyOnWriteArrayList<>();
    private final List<IssuedToken> invalidatedTokens = new CopyOnWriteArrayList<>();

    /** The first unexpected outcomes (all are counted). */
    private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
    private final LongAdder unexpectedCount = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder serverErrors = new LongAdder();
    private final LongAdder connectionErrors = new LongAdder();
    private final AtomicInteger newcomers = new AtomicInteger();
    private final AtomicInteger rotations = new AtomicInteger();
    private final AtomicInteger removals = new AtomicInteger();
    private final LongAdder victimChecks = new LongAdder();
    private final LongAdder victimChecksRacingRemoval = new LongAdder();

    private record IssuedToken(String clientId, String token, String how) {
    }

    private static final class Victim {
        final Credential credential;
        final AtomicInteger state = new AtomicInteger(ALIVE);

        Victim(Credential credential) {
            this.credential = credential;
        }
    }

    private record VictimToken(Victim victim, String token) {
    }

    @BeforeEach
    void startTheFake() {
        FakeImsConfig.Builder config = FakeImsConfig.builder();
        for (int i = 0; i < STABLE_CREDENTIALS; i++) {
            Credential credential = TestCredentials.credential(TestKeys.KEYS).build();
            config.credential(credential);
            latest.put(credential.clientId(), credential);
            usable.add(credential.clientId());
        }
        ims = FakeImsServer.start(config.journalSize(JOURNAL_SIZE).build());
        pool = Executors.newFixedThreadPool(CLIENTS + 1);
    }

    @AfterEach
    void stopTheFake() {
        pool.shutdownNow();
        ims.close();
    }

    @ParameterizedTest(name = "credential changes through the {0}")
    @ValueSource(strings = {"Java API", "admin HTTP API"})
    void manyClientsAndCredentialChangesAtOnceGetOnlyTheAnswersTheCredentialStateExplains(String face) throws Exception {
        control = face.equals("Java API") ? ims : FakeImsAdminClient.connect(ims.baseUrl());
        long seed = System.nanoTime();
        long started = System.nanoTime();
        long deadline = started + DEADLINE.toNanos();
        AtomicBoolean clientsDone = new AtomicBoolean();

        List<Future<?>> clients = new ArrayList<>();
        for (int t = 0; t < CLIENTS; t++) {
            SplittableRandom random = new SplittableRandom(seed + t);
            clients.add(pool.submit(() -> runClient(random, deadline)));
        }
        Future<?> admin = pool.submit(() -> runAdmin(new SplittableRandom(seed - 1), clientsDone));
        for (Future<?> client : clients) {
            awaitBounded(client, "a client");
        }
        clientsDone.set(true);
        awaitBounded(admin, "the admin");
        long soakRequests = requests.sum();
        Duration soak = Duration.ofNanos(System.nanoTime() - started);

        // The end state: no credential lost or stale, and every token says what its history says.
        List<Future<?>> checks = new ArrayList<>();
        for (int t = 0; t < CLIENTS; t++) {
            int slice = t;
            checks.add(pool.submit(() -> finalChecks(slice, CLIENTS)));
        }
        for (Future<?> check : checks) {
            awaitBounded(check, "the final checks");
        }
        Duration total = Duration.ofNanos(System.nanoTime() - started);

        System.out.printf("ConcurrentSoakTest (" + face + "): %d requests (%d in the soak, %d final checks), %d clients + 1 admin, soak %d ms,"
                        + " total %d ms, %d unexpected, %d 5xx, %d connection errors; tokens %d kept, %d invalidated,"
                        + " %d of removed credentials; %d credentials registered, %d rotations, %d removed;"
                        + " %d victim-token checks (%d racing a removal); seed %d%n",
                requests.sum(), soakRequests, requests.sum() - soakRequests, CLIENTS, soak.toMillis(), total.toMillis(),
                unexpectedCount.sum(), serverErrors.sum(), connectionErrors.sum(), keptTokens.size(), invalidatedTokens.size(),
                victimTokens.size(), newcomers.get(), rotations.get(), removals.get(), victimChecks.sum(),
                victimChecksRacingRemoval.sum(), seed);

        assertThat(unexpected).as("unexpected outcomes (%d in all; seed %d)", unexpectedCount.sum(), seed).isEmpty();
        assertThat(serverErrors.sum()).as("5xx answers").isZero();
        assertThat(control.credentials()).as("the registered credentials: each one's last registered version, no victim")
                .containsExactlyInAnyOrderElementsOf(latest.values());
        assertThat(control.credentials()).extracting(Credential::clientId)
                .noneMatch(id -> victimTokens.stream().anyMatch(v -> v.victim().credential.clientId().equals(id)));
        // The workload really happened: nothing above passed for want of traffic or changes.
        assertThat(keptTokens).hasSizeGreaterThan(CLIENTS);
        assertThat(invalidatedTokens).isNotEmpty();
        assertThat(victimTokens).isNotEmpty();
        assertThat(newcomers.get()).isPositive();
        assertThat(rotations.get()).isPositive();
        assertThat(removals.get()).isPositive();
        assertThat(victimChecks.sum()).isPositive();
        // The journal: every request the clients made, each once, matched by the x-debug-id they were answered with.
        assertThat(connectionErrors.sum()).as("connection errors (answers the journal could not be matched to)").isZero();
        List<String> journaled = ims.journal().entries().stream().map(JournalEntry::debugId).toList();
        assertThat(ims.journal().droppedCount()).isZero();
        assertThat(journaled).as("journal entries").hasSize(debugIds.size()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(debugIds);
    }

    // --- the clients ---------------------------------------------------------------------------

    private void runClient(SplittableRandom random, long deadline) {
        List<IssuedToken> mine = new ArrayList<>();
        for (int i = 0; i < ITERATIONS && System.nanoTime() - deadline < 0; i++) {
            try {
                iteration(random, i, mine);
            } catch (RuntimeException | AssertionError e) {
                record("client iteration threw " + e);
            }
        }
    }

    private void iteration(SplittableRandom random, int i, List<IssuedToken> mine) {
        Credential credential = latest.get(usable.get(random.nextInt(usable.size())));
        IssuedToken issued = i % 2 == 0 ? exchange(credential, TestKeys.KEYS.getPrivate(), "client exchange")
                : clientCredentials(credential, "client client_credentials");
        if (issued != null) {
            expectValid(validate(issued), issued);
            if (random.nextInt(3) == 0) {
                expectEmpty200(post("/ims/invalidate_token/v2", form("token", issued.token(), "client_id", credential.clientId(),
                        "client_secret", credential.clientSecret())), "invalidate " + issued.how());
                expectInvalid(validate(issued), "invalidated", "validate after invalidate " + issued.how());
                invalidatedTokens.add(issued);
            } else {
                mine.add(issued);
                keptTokens.add(issued);
            }
        }
        if (i % 5 == 4 && !mine.isEmpty()) {
            IssuedToken earlier = mine.get(random.nextInt(mine.size()));
            expectValid(validate(earlier), earlier);
        }
        probe(random.nextInt(5), credential);
        if (i % 2 == 1 && !victimTokens.isEmpty()) {
            checkVictimToken(victimTokens.get(random.nextInt(victimTokens.size())));
        }
    }

    /** One request whose IMS error follows from the request alone (the credential is registered throughout). */
    private void probe(int kind, Credential credential) {
        switch (kind) {
            case 0 -> expectImsError(post("/ims/exchange/jwt", form("client_id", credential.clientId(),
                            "client_secret", credential.clientSecret() + "-wrong", "jwt_token", jwt(credential, TestKeys.KEYS.getPrivate()))),
                    400, "invalid_client", "invalid client_secret parameter", "wrong secret");
            case 1 -> expectImsError(post("/ims/exchange/jwt", form("client_id", credential.clientId(),
                            "client_secret", credential.clientSecret(), "jwt_token", jwt(credential, TestKeys.OTHER_KEYS.getPrivate()))),
                    400, "invalid_token", "Could not match JWT signature to any of the bindings", "JWT signed by an unregistered key");
            case 2 -> {
                long now = Instant.now().getEpochSecond();
                String expired = ServiceAccountJwt.forCredential(credential, ims.baseUrl())
                        .claims(claims -> claims.claim("iat", now - 600).claim("exp", now - 300)).serialize();
                expectImsError(post("/ims/exchange/jwt", form("client_id", credential.clientId(),
                                "client_secret", credential.clientSecret(), "jwt_token", expired)),
                        400, "invalid_token", "JWT token has expired.", "expired JWT");
            }
            case 3 -> expectImsError(post("/ims/token/v3", form("grant_type", "client_credentials",
                            "client_id", "never-registered-" + credential.clientId(), "client_secret", credential.clientSecret(), "scope", SCOPE)),
                    400, "invalid_client", "invalid client_id parameter", "unknown client");
            default -> expectImsError(post("/ims/token/v3", form("grant_type", "client_credentials",
                            "client_id", credential.clientId(), "client_secret", credential.clientSecret(), "scope", "openid,not_granted")),
                    400, "invalid_scope", "The requested scopes are not granted to this client.", "scope not granted");
        }
    }

    /**
     * A token of a credential that is removed at some point: valid before the removal starts, invalid
     * after it has returned, either in between.
     */
    private void checkVictimToken(VictimToken victimToken) {
        Victim victim = victimToken.victim();
        int before = victim.state.get();
        HttpResponse<String> response = post("/ims/validate_token/v1", form("type", "access_token",
                "client_id", victim.credential.clientId(), "token", victimToken.token()));
        int after = victim.state.get();
        victimChecks.increment();
        if (before != after) {
            victimChecksRacingRemoval.increment();
        }
        if (response == null) {
            return;
        }
        Map<String, Object> body = jsonOrRecord(response, "victim token validation");
        if (body == null) {
            return;
        }
        boolean valid = Boolean.TRUE.equals(body.get("valid"));
        if (valid && before != REMOVED && body.get("token") instanceof Map<?, ?> claims
                && victim.credential.clientId().equals(claims.get("client_id"))) {
            return;
        }
        if (!valid && after != ALIVE && response.statusCode() == 200 && prose(response).contains("no longer registered")) {
            return;
        }
        record("victim token validation (state before " + before + ", after " + after + "): " + describe(response));
    }

    // --- the admin -----------------------------------------------------------------------------

    private void runAdmin(SplittableRandom random, AtomicBoolean clientsDone) {
        Credential rotor = TestCredentials.credential(TestKeys.KEYS).build();
        control.register(rotor);
        latest.put(rotor.clientId(), rotor);
        Queue<Victim> alive = new ArrayDeque<>();
        int step = 0;
        while (!clientsDone.get()) {
            try {
                switch (step++ % 6) {
                    case 1 -> registerNewcomer();
                    case 3 -> {
                        if (alive.size() >= 2) {
                            remove(alive.poll());
                        }
                        alive.add(registerVictim());
                    }
                    case 5 -> rotateKeyOf(rotor.clientId(), step % 4 == 0);
                    default -> rotateCertificates(usable.get(random.nextInt(usable.size())), random);
                }
                Thread.sleep(15); // pace the changes; the clients set the soak's length
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | AssertionError e) {
                record("admin step threw " + e);
            }
        }
        while (!alive.isEmpty()) {
            remove(alive.poll());
        }
    }

    private void registerNewcomer() {
        if (newcomers.get() >= MAX_NEWCOMERS) {
            return;
        }
        Credential credential = TestCredentials.credential(TestKeys.KEYS).build();
        control.register(credential);
        latest.put(credential.clientId(), credential);
        newcomers.incrementAndGet();
        IssuedToken token = clientCredentials(credential, "newcomer client_credentials");
        if (token != null) {
            expectValid(validate(token), token);
            keptTokens.add(token);
        }
        usable.add(credential.clientId()); // registered before any client can pick it
    }

    /**
     * A client-used credential gets a changed certificate list that always holds a valid certificate of
     * {@link TestKeys#KEYS}: an extra one (fresh, or expired), or a single fresh one in place of all.
     */
    private void rotateCertificates(String clientId, SplittableRandom random) {
        Credential current = latest.get(clientId);
        Instant now = Instant.now();
        Credential next;
        if (current.certificates().size() >= 3) {
            next = withOnlyCertificate(current, TestKeys.certificate(TestKeys.KEYS));
        } else if (random.nextBoolean()) {
            next = current.toBuilder().certificate(TestKeys.certificate(TestKeys.KEYS)).build();
        } else {
            next = current.toBuilder().certificate(TestKeys.certificate(TestKeys.KEYS, now.minus(Duration.ofDays(2)),
                    now.minus(Duration.ofDays(1)))).build();
        }
        control.register(next);
        latest.put(clientId, next);
        rotations.incrementAndGet();
        if (!next.equals(control.credential(clientId).orElse(null))) {
            record("credential(" + clientId + ") is not the version just registered");
        }
    }

    /**
     * The admin's own credential (no client uses it) moves between keys: with {@link TestKeys#OTHER_KEYS}'
     * certificate added, a JWT that key signs is accepted; with it replaced, refused; KEYS works throughout.
     */
    private void rotateKeyOf(String clientId, boolean addOtherKey) {
        Credential current = latest.get(clientId);
        Credential next = addOtherKey ? current.toBuilder().certificate(TestKeys.certificate(TestKeys.OTHER_KEYS)).build()
                : withOnlyCertificate(current, TestKeys.certificate(TestKeys.KEYS));
        control.register(next);
        latest.put(clientId, next);
        rotations.incrementAndGet();
        if (addOtherKey) {
            IssuedToken token = exchange(next, TestKeys.OTHER_KEYS.getPrivate(), "exchange signed by a rotated-in key");
            if (token != null) {
                expectValid(validate(token), token);
                keptTokens.add(token);
            }
        } else {
            expectImsError(post("/ims/exchange/jwt", form("client_id", clientId, "client_secret", next.clientSecret(),
                            "jwt_token", jwt(next, TestKeys.OTHER_KEYS.getPrivate()))),
                    400, "invalid_token", "Could not match JWT signature to any of the bindings", "exchange signed by a rotated-out key");
        }
        IssuedToken token = exchange(next, TestKeys.KEYS.getPrivate(), "exchange after a key rotation");
        if (token != null) {
            keptTokens.add(token);
        }
    }

    private Victim registerVictim() {
        Victim victim = new Victim(TestCredentials.credential(TestKeys.KEYS).build());
        control.register(victim.credential);
        for (IssuedToken token : new IssuedToken[] {exchange(victim.credential, TestKeys.KEYS.getPrivate(), "victim exchange"),
                clientCredentials(victim.credential, "victim client_credentials")}) {
            if (token != null) {
                expectValid(validate(token), token);
                victimTokens.add(new VictimToken(victim, token.token()));
            }
        }
        return victim;
    }

    private void remove(Victim victim) {
        Credential credential = victim.credential;
        victim.state.set(REMOVING);
        boolean removed = control.removeCredential(credential.clientId());
        victim.state.set(REMOVED);
        removals.incrementAndGet();
        if (!removed) {
            record("removeCredential(" + credential.clientId() + ") found nothing to remove");
        }
        if (control.removeCredential(credential.clientId())) {
            record("removeCredential(" + credential.clientId() + ") removed it twice");
        }
        for (VictimToken token : victimTokens) {
            if (token.victim() == victim) {
                expectInvalid(validate(new IssuedToken(credential.clientId(), token.token(), "victim")), "no longer registered",
                        "validate a removed credential's token");
            }
        }
        expectImsError(post("/ims/exchange/jwt", form("client_id", credential.clientId(), "client_secret", credential.clientSecret(),
                        "jwt_token", jwt(credential, TestKeys.KEYS.getPrivate()))),
                400, "invalid_client", "invalid client_id parameter", "exchange for a removed credential");
        expectImsError(post("/ims/token/v3", form("grant_type", "client_credentials", "client_id", credential.clientId(),
                        "client_secret", credential.clientSecret(), "scope", SCOPE)),
                400, "invalid_client", "invalid client_id parameter", "client_credentials for a removed credential");
    }

    // --- the final checks ----------------------------------------------------------------------

    private void finalChecks(int slice, int slices) {
        for (int i = slice; i < keptTokens.size(); i += slices) {
            expectValid(validate(keptTokens.get(i)), keptTokens.get(i));
        }
        for (int i = slice; i < invalidatedTokens.size(); i += slices) {
            expectInvalid(validate(invalidatedTokens.get(i)), "invalidated", "final validate of an invalidated token");
        }
        for (int i = slice; i < victimTokens.size(); i += slices) {
            VictimToken token = victimTokens.get(i);
            expectInvalid(validate(new IssuedToken(token.victim().credential.clientId(), token.token(), "victim")),
                    "no longer registered", "final validate of a removed credential's token");
        }
    }

    // --- requests and expectations -------------------------------------------------------------

    private String jwt(Credential credential, PrivateKey key) {
        return ServiceAccountJwt.forCredential(credential, ims.baseUrl()).signedWith(key).serialize();
    }

    private IssuedToken exchange(Credential credential, PrivateKey key, String how) {
        HttpResponse<String> response = post("/ims/exchange/jwt", form("client_id", credential.clientId(),
                "client_secret", credential.clientSecret(), "jwt_token", jwt(credential, key)));
        return expectToken(response, credential.clientId(), JWT_EXPIRES_IN_MILLIS, how);
    }

    private IssuedToken clientCredentials(Credential credential, String how) {
        HttpResponse<String> response = post("/ims/token/v3", form("grant_type", "client_credentials",
                "client_id", credential.clientId(), "client_secret", credential.clientSecret(), "scope", SCOPE));
        return expectToken(response, credential.clientId(), CLIENT_CREDENTIALS_EXPIRES_IN_SECONDS, how);
    }

    private HttpResponse<String> validate(IssuedToken token) {
        return post("/ims/validate_token/v1", form("type", "access_token", "client_id", token.clientId(), "token", token.token()));
    }

    private static Map<String, String> form(String... namesAndValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
    }

    /** The answer, or null (recorded) when there was none. */
    private HttpResponse<String> post(String path, Map<String, String> form) {
        requests.increment();
        try {
            HttpResponse<String> response = ImsHttp.postForm(ims.baseUrl().resolve(path), form);
            response.headers().firstValue("x-debug-id").ifPresent(debugIds::add);
            if (response.statusCode() >= 500) {
                serverErrors.increment();
            }
            return response;
        } catch (RuntimeException e) {
            connectionErrors.increment();
            record("POST " + path + " got no answer: " + e);
            return null;
        }
    }

    /** expires_in is the time remaining, as real IMS reports it: under the lifetime, by at most a minute's worth here. */
    private static boolean remaining(long reported, long lifetime) {
        return reported < lifetime && reported >= lifetime - lifetime / 1440;
    }

    private IssuedToken expectToken(HttpResponse<String> response, String clientId, long expiresIn, String how) {
        if (response == null) {
            return null;
        }
        Map<String, Object> body = response.statusCode() == 200 ? jsonOrRecord(response, how) : null;
        if (body != null && "bearer".equals(body.get("token_type")) && body.get("access_token") instanceof String token
                && body.get("expires_in") instanceof Number number && remaining(number.longValue(), expiresIn)) {
            return new IssuedToken(clientId, token, how);
        }
        record(how + ": expected a token, got " + describe(response));
        return null;
    }

    private void expectValid(HttpResponse<String> response, IssuedToken token) {
        if (response == null) {
            return;
        }
        Map<String, Object> body = response.statusCode() == 200 ? jsonOrRecord(response, "validate") : null;
        if (body != null && Boolean.TRUE.equals(body.get("valid")) && body.get("token") instanceof Map<?, ?> claims
                && token.clientId().equals(claims.get("client_id"))) {
            return;
        }
        record("validate a live token (" + token.how() + "): expected valid:true, got " + describe(response));
    }

    /** validate_token's reason is a code; the prose it stands for is in the reason header. */
    private static String prose(HttpResponse<String> response) {
        return response.headers().firstValue("X-Fake-Ims-Reason").orElse("");
    }

    private void expectInvalid(HttpResponse<String> response, String reasonPart, String what) {
        if (response == null) {
            return;
        }
        Map<String, Object> body = response.statusCode() == 200 ? jsonOrRecord(response, what) : null;
        if (body != null && Boolean.FALSE.equals(body.get("valid")) && prose(response).contains(reasonPart)) {
            return;
        }
        record(what + ": expected valid:false (" + reasonPart + "), got " + describe(response));
    }

    private void expectEmpty200(HttpResponse<String> response, String what) {
        if (response != null && (response.statusCode() != 200 || !response.body().isEmpty())) {
            record(what + ": expected 200 and no body, got " + describe(response));
        }
    }

    private void expectImsError(HttpResponse<String> response, int status, String error, String description, String what) {
        if (response == null) {
            return;
        }
        Map<String, Object> body = response.statusCode() == status ? jsonOrRecord(response, what) : null;
        boolean hasReason = response.headers().firstValue(ImsErrorAssertions.REASON).filter(reason -> !reason.isBlank()).isPresent();
        if (body != null && hasReason && body.equals(Map.of("error", error, "error_description", description))) {
            return;
        }
        record(what + ": expected " + status + " " + error + " (" + description + "), got " + describe(response));
    }

    private Map<String, Object> jsonOrRecord(HttpResponse<String> response, String what) {
        try {
            return JSONObjectUtils.parse(response.body());
        } catch (ParseException e) {
            record(what + ": not a JSON object: " + describe(response));
            return null;
        }
    }

    private static String describe(HttpResponse<String> response) {
        if (response == null) {
            return "no answer";
        }
        String body = response.body().length() > 300 ? response.body().substring(0, 300) + "…" : response.body();
        return response.statusCode() + " " + body + " [" + ImsErrorAssertions.REASON + ": "
                + response.headers().firstValue(ImsErrorAssertions.REASON).orElse("-") + "]";
    }

    private void record(String problem) {
        unexpectedCount.increment();
        if (unexpected.size() < 50) {
            unexpected.add(problem);
        }
    }

    private static Credential withOnlyCertificate(Credential credential, X509Certificate certificate) {
        return Credential.builder()
                .clientId(credential.clientId())
                .clientSecret(credential.clientSecret())
                .orgId(credential.orgId())
                .technicalAccountId(credential.technicalAccountId())
                .metascopes(credential.metascopes())
                .scopes(credential.scopes())
                .grants(credential.grants())
                .jtiRequired(credential.jtiRequired())
                .certificate(certificate)
                .build();
    }

    private static void awaitBounded(Future<?> future, String what) throws Exception {
        try {
            future.get(30, SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(what + " did not finish within 30 s", e);
        }
    }
}
