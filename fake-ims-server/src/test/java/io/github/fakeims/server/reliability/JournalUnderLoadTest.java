package io.github.fakeims.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.Fault;
import io.github.fakeims.server.ImsEndpoint;
import io.github.fakeims.server.JournalEntry;
import io.github.fakeims.server.JournalFilter;
import io.github.fakeims.server.TestCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The journal of a real fake under concurrent HTTP clients (loopback only, a bounded number of requests,
 * each client awaited with a deadline): the bound holds exactly and the overflow is counted exactly;
 * with room for all, every answered request is in the journal exactly once, found by its
 * {@code x-debug-id}; a counted fault hits exactly its count of calls, and the journal says which.
 */
class JournalUnderLoadTest {

    private static final int CLIENTS = 8;
    private static final int REQUESTS_EACH = 100;
    private static final int TOTAL = CLIENTS * REQUESTS_EACH;
    private static final Duration CLIENT_DEADLINE = Duration.ofSeconds(15);

    /** What one request was and what came back. */
    private record Sent(String kind, ImsEndpoint endpoint, int status, String debugId, String body) {
    }

    private ExecutorService pool;
    private HttpClient http;
    private FakeImsServer ims;
    private Credential credential;
    private String accessToken;

    @BeforeEach
    void clients() {
        pool = Executors.newFixedThreadPool(CLIENTS);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        if (ims != null) {
            ims.close();
        }
    }

    /** Starts a fake with one credential, gets one token to validate during the load, then clears the journal. */
    private void startFake(int journalSize) throws Exception {
        credential = TestCredentials.credential();
        ims = FakeImsServer.start(FakeImsConfig.builder().credential(credential).journalSize(journalSize).build());
        Sent first = send("setup", ImsEndpoint.TOKEN, "/ims/token/v3", clientCredentials(credential.clientSecret()));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        accessToken = (String) JSONObjectUtils.parse(first.body()).get("access_token");
        ims.journal().clear();
        assertThat(ims.journal().entries()).isEmpty();
        assertThat(ims.journal().droppedCount()).isZero();
    }

    // --- the tests -----------------------------------------------------------------------------

    @Test
    void aSmallJournalKeepsExactlyTheNewestAndCountsTheRestAsDropped() throws Exception {
        startFake(200);

        List<Sent> sent = load(REQUESTS_EACH, this::mixedRequest);

        assertThat(sent).hasSize(TOTAL);
        assertExpectedAnswers(sent);
        List<JournalEntry> entries = ims.journal().entries();
        assertThat(entries).hasSize(200);
        assertThat(ims.journal().droppedCount()).isEqualTo(TOTAL - 200);
        assertStrictlyIncreasing(entries);
        assertThat(entries.get(199).sequence() - entries.get(0).sequence()).as("the newest 200, none missing").isEqualTo(199);

        Map<String, Sent> byDebugId = sent.stream().collect(Collectors.toMap(Sent::debugId, Function.identity()));
        for (JournalEntry entry : entries) {
            Sent request = byDebugId.get(entry.debugId());
            assertThat(request).as("entry %s is one of the requests sent", entry).isNotNull();
            assertThat(entry.status()).as("%s", entry).isEqualTo(request.status());
            assertThat(entry.endpoint()).as("%s", entry).isEqualTo(request.endpoint());
        }
        assertThat(entries.stream().map(JournalEntry::debugId).distinct().count()).isEqualTo(200);
    }

    @Test
    void aLargeJournalHoldsEveryRequestExactlyOnce() throws Exception {
        startFake(10_000);

        List<Sent> sent = load(REQUESTS_EACH, this::mixedRequest);

        assertExpectedAnswers(sent);
        List<JournalEntry> entries = ims.journal().entries();
        assertThat(entries).hasSize(TOTAL);
        assertThat(ims.journal().droppedCount()).isZero();
        assertStrictlyIncreasing(entries);

        Map<String, List<JournalEntry>> byDebugId = entries.stream().collect(Collectors.groupingBy(JournalEntry::debugId));
        assertThat(sent.stream().map(Sent::debugId).collect(Collectors.toSet())).as("every response has its own x-debug-id")
                .hasSize(TOTAL);
        for (Sent request : sent) {
            List<JournalEntry> matching = byDebugId.getOrDefault(request.debugId(), List.of());
            assertThat(matching).as("journal entries for %s", request).hasSize(1);
            JournalEntry entry = matching.get(0);
            assertThat(entry.status()).isEqualTo(request.status());
            assertThat(entry.endpoint()).isEqualTo(request.endpoint());
            switch (request.kind()) {
                case "token" -> {
                    assertThat(entry.issuedToken()).isTrue();
                    assertThat(entry.clientId()).contains(credential.clientId());
                    assertThat(entry.parameters().get("client_secret")).doesNotContain(credential.clientSecret());
                }
                case "wrong-secret" -> assertThat(entry.error()).contains("invalid_client");
                case "not-found" -> assertThat(entry.endpoint()).isEqualTo(ImsEndpoint.UNKNOWN);
                case "validate" -> assertThat(entry.parameters().get("token")).doesNotContain(accessToken);
                default -> throw new AssertionError(request.kind());
            }
        }
        assertThat(byDebugId).hasSize(TOTAL);

        // The filters agree with what was sent.
        Map<String, Long> kinds = sent.stream().collect(Collectors.groupingBy(Sent::kind, Collectors.counting()));
        assertThat(ims.journal().entries(JournalFilter.all().error("invalid_client"))).hasSize(kinds.get("wrong-secret").intValue());
        assertThat(ims.journal().entries(JournalFilter.of(ImsEndpoint.UNKNOWN))).hasSize(kinds.get("not-found").intValue());
        assertThat(ims.journal().entries(JournalFilter.of(ImsEndpoint.VALIDATE_TOKEN))).hasSize(kinds.get("validate").intValue());
        assertThat(ims.journal().entries(JournalFilter.of(ImsEndpoint.TOKEN).succeeded())).hasSize(kinds.get("token").intValue());
    }

    @Test
    void aCountedFaultHitsExactlyItsCountUnderConcurrentClients() throws Exception {
        startFake(10_000);
        Fault fault = Fault.status(503).on(ImsEndpoint.TOKEN).times(25);
        ims.faults().add(fault);

        List<Sent> sent = load(40, this::mixedRequest);

        List<Sent> unavailable = sent.stream().filter(request -> request.status() == 503).toList();
        assertThat(unavailable).hasSize(25);
        assertThat(unavailable).allSatisfy(request -> {
            assertThat(request.endpoint()).isEqualTo(ImsEndpoint.TOKEN);
            assertThat(JSONObjectUtils.parse(request.body())).containsEntry("error", "temporarily_unavailable");
        });
        assertThat(sent.stream().filter(request -> request.endpoint() != ImsEndpoint.TOKEN))
                .allSatisfy(request -> assertThat(request.status()).isNotEqualTo(503));

        List<JournalEntry> faulted = ims.journal().entries().stream().filter(entry -> entry.fault().isPresent()).toList();
        assertThat(faulted).hasSize(25);
        assertThat(faulted).allSatisfy(entry -> {
            assertThat(entry.status()).isEqualTo(503);
            assertThat(entry.fault()).contains(fault.toString());
            assertThat(entry.issuedToken()).isFalse();
        });
        assertThat(faulted.stream().map(JournalEntry::debugId).collect(Collectors.toSet()))
                .isEqualTo(unavailable.stream().map(Sent::debugId).collect(Collectors.toSet()));
        assertThat(ims.journal().entries()).hasSize(sent.size());
        assertThat(ims.faults().pending()).isEmpty();
    }

    // --- the load ------------------------------------------------------------------------------

    /** One request of client {@code client}'s {@code i}-th turn: a mix of successes and failures of four kinds. */
    private Sent mixedRequest(int client, int i) {
        return switch ((client + i) % 4) {
            case 0 -> send("token", ImsEndpoint.TOKEN, "/ims/token/v3", clientCredentials(credential.clientSecret()));
            case 1 -> send("wrong-secret", ImsEndpoint.TOKEN, "/ims/token/v3", clientCredentials("wrong-" + client + "-" + i));
            case 2 -> send("not-found", ImsEndpoint.UNKNOWN, "/ims/not-an-endpoint/" + client + "/" + i, Map.of("n", "" + i));
            default -> send("validate", ImsEndpoint.VALIDATE_TOKEN, "/ims/validate_token/v1",
                    form("type", "access_token", "client_id", credential.clientId(), "token", accessToken));
        };
    }

    private interface Request {
        Sent send(int client, int i);
    }

    /** {@link #CLIENTS} threads each send {@code each} requests; every thread is awaited with a deadline. */
    private List<Sent> load(int each, Request request) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Sent>>> clients = new ArrayList<>();
        for (int t = 0; t < CLIENTS; t++) {
            int client = t;
            clients.add(pool.submit(() -> {
                go.await();
                List<Sent> mine = new ArrayList<>();
                for (int i = 0; i < each && !Thread.currentThread().isInterrupted(); i++) {
                    mine.add(request.send(client, i));
                }
                return mine;
            }));
        }
        go.countDown();
        long deadline = System.nanoTime() + CLIENT_DEADLINE.toNanos();
        List<Sent> all = new ArrayList<>();
        for (Future<List<Sent>> client : clients) {
            try {
                all.addAll(client.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                throw new AssertionError("the clients did not finish within " + CLIENT_DEADLINE, e);
            }
        }
        assertThat(all).hasSize(CLIENTS * each);
        return all;
    }

    private Sent send(String kind, ImsEndpoint endpoint, String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(ims.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(kind + " POST " + path + " got no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        String debugId = response.headers().firstValue("x-debug-id")
                .orElseThrow(() -> new AssertionError(kind + " POST " + path + ": no x-debug-id in " + response.headers().map()));
        return new Sent(kind, endpoint, response.statusCode(), debugId, response.body());
    }

    private Map<String, String> clientCredentials(String secret) {
        return form("grant_type", "client_credentials", "client_id", credential.clientId(), "client_secret", secret,
                "scope", "openid,AdobeID");
    }

    private static Map<String, String> form(String... namesAndValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
    }

    // --- expectations --------------------------------------------------------------------------

    /** Each kind got its one right answer (no fault is scheduled in these runs). */
    private void assertExpectedAnswers(List<Sent> sent) {
        Map<String, Integer> expected = Map.of("token", 200, "wrong-secret", 400, "not-found", 404, "validate", 200);
        Map<String, Integer> wrong = new HashMap<>();
        Set<String> examples = new HashSet<>();
        for (Sent request : sent) {
            if (request.status() != expected.get(request.kind())) {
                wrong.merge(request.kind(), 1, Integer::sum);
                if (examples.size() < 5) {
                    examples.add(request.kind() + " -> " + request.status() + " " + request.body());
                }
            }
        }
        assertThat(wrong).as("unexpected answers, e.g. %s", examples).isEmpty();
    }

    private static void assertStrictlyIncreasing(List<JournalEntry> entries) {
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).sequence()).as("sequence after #%d", entries.get(i - 1).sequence())
                    .isGreaterThan(entries.get(i - 1).sequence());
        }
        assertThat(entries.stream().map(JournalEntry::sequence).distinct().count()).isEqualTo(entries.size());
    }
}
