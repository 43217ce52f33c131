package io.github.fakeims.server.reliability;

import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.X509CertUtils;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.ServiceAccountJwt;
import io.github.fakeims.server.StandaloneJvm;
import io.github.fakeims.server.TestKeys;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone fake in its own JVM, stopped with SIGTERM while clients are busy: it exits promptly
 * saying so, every request is answered properly or refused at the connection, and nothing hangs.
 * (A bad configuration at start-up is covered by {@code StandaloneTest}.)
 */
class StopUnderLoadTest {

    private static final Pattern LISTENING = Pattern.compile("Fake IMS listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final String STOPPED = "Fake IMS stopped";
    private static final int CLIENTS = 4;
    private static final int ANSWERS_BEFORE_STOP = 60;
    /** Each client goes on until this many of its requests sent after the process exited were refused. */
    private static final int REFUSALS_TO_END = 3;

    private static final Credential CREDENTIAL = Credential.builder()
            .clientId("load-client")
            .clientSecret("p8e-load-secret")
            .orgId("ABC123@AdobeOrg")
            .technicalAccountId("DEF456@techacct.adobe.com")
            .certificate(TestKeys.certificate(TestKeys.KEYS))
            .metascopes("ent_analytics_bulk_ingest_sdk")
            .scopes("openid", "AdobeID")
            .build();

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    @TempDir
    Path dir;

    /** What happened to one request: its times, and its status or the exception instead. */
    private record Outcome(long sentAt, long doneAt, int status, String body, Exception failure) {
        boolean answered() {
            return failure == null;
        }
    }

    /** The fake's JVM, its stdout lines as they come, and where it listens. */
    private record RunningFake(Process process, StandaloneJvm.Output output, URI base) {
    }

    @Test
    void aSeparateJvmStoppedUnderLoadAnswersOrRefusesEveryRequestAndExitsPromptly() throws Exception {
        RunningFake fake = startFake();
        List<Thread> clients = new ArrayList<>();
        try {
            Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
            AtomicInteger answers = new AtomicInteger();
            AtomicLong exitSeenAt = new AtomicLong(Long.MAX_VALUE);
            long clientDeadline = System.nanoTime() + SECONDS.toNanos(40);
            for (int t = 0; t < CLIENTS; t++) {
                int client = t;
                Thread thread = new Thread(() -> load(fake.base(), client, outcomes, answers, exitSeenAt, clientDeadline),
                        "load-client-" + t);
                thread.setDaemon(true);
                clients.add(thread);
                thread.start();
            }
            long loadDeadline = System.nanoTime() + SECONDS.toNanos(20);
            while (answers.get() < ANSWERS_BEFORE_STOP && System.nanoTime() - loadDeadline < 0) {
                Thread.sleep(10); // let the load build up
            }
            assertThat(answers.get()).as("answers before the stop; stderr: %s", stderr()).isGreaterThanOrEqualTo(ANSWERS_BEFORE_STOP);

            long sigtermAt = System.nanoTime();
            sigterm(fake.process());
            boolean exited = fake.process().waitFor(10, SECONDS);
            long exitedAt = System.nanoTime();
            exitSeenAt.set(exitedAt);
            assertThat(exited).as("exited within 10 s of SIGTERM").isTrue();
            assertThat(awaitStopped(fake)).as("stdout: %s", fake.output().seen()).isTrue();
            for (Thread thread : clients) {
                thread.join(SECONDS.toMillis(30));
                assertThat(thread.isAlive()).as("%s still running: a request hangs", thread.getName()).isFalse();
            }

            List<Outcome> all = List.copyOf(outcomes);
            List<Outcome> doneBeforeSigterm = all.stream().filter(o -> o.doneAt() < sigtermAt).toList();
            List<Outcome> inFlightAtSigterm = all.stream().filter(o -> o.sentAt() < sigtermAt && o.doneAt() >= sigtermAt).toList();
            List<Outcome> sentDuringStop = all.stream().filter(o -> o.sentAt() >= sigtermAt && o.sentAt() <= exitedAt).toList();
            List<Outcome> sentAfterExit = all.stream().filter(o -> o.sentAt() > exitedAt).toList();
            System.out.printf("StopUnderLoadTest: %d requests by %d clients; %d answered before SIGTERM; in flight at SIGTERM %d"
                            + " (%d answered, %d cut); sent while stopping %d (%d answered); sent after exit %d (%d answered);"
                            + " exited %d ms after SIGTERM%n",
                    all.size(), CLIENTS, doneBeforeSigterm.size(), inFlightAtSigterm.size(), answered(inFlightAtSigterm),
                    inFlightAtSigterm.size() - answered(inFlightAtSigterm), sentDuringStop.size(), answered(sentDuringStop),
                    sentAfterExit.size(), answered(sentAfterExit), NANOSECONDS.toMillis(exitedAt - sigtermAt));

            assertThat(all).as("no request timed out (a hang)").noneMatch(o -> o.failure() instanceof HttpTimeoutException);
            assertThat(all).as("no request failed other than at the connection")
                    .allMatch(o -> o.answered() || o.failure() instanceof IOException);
            assertThat(all).filteredOn(Outcome::answered).as("every answer is a 200 or an IMS error, never a 5xx")
                    .allSatisfy(StopUnderLoadTest::assertProperAnswer);
            // Requests in flight at SIGTERM may be cut here (see the next test, which pins that they should not be).
            assertThat(doneBeforeSigterm).as("requests done before SIGTERM").hasSizeGreaterThanOrEqualTo(ANSWERS_BEFORE_STOP)
                    .allMatch(Outcome::answered);
            assertThat(sentAfterExit).as("requests sent after the process exited").hasSizeGreaterThanOrEqualTo(CLIENTS)
                    .noneMatch(Outcome::answered);
        } finally {
            fake.process().destroyForcibly();
            clients.forEach(Thread::interrupt);
        }
    }

    /**
     * A request already being read when SIGTERM arrives is answered before the fake goes: the stop is
     * clean, as the README says, not a cut connection. (Deterministic version of the requests that the
     * load test sees in flight at SIGTERM.)
     */
    @Test
    void aRequestInFlightWhenSigtermArrivesStillGetsItsAnswer() throws Exception {
        RunningFake fake = startFake();
        try (Socket socket = new Socket(fake.base().getHost(), fake.base().getPort())) {
            socket.setSoTimeout(5_000);
            byte[] body = ("grant_type=client_credentials&client_id=" + CREDENTIAL.clientId() + "&client_secret="
                    + CREDENTIAL.clientSecret() + "&scope=openid").getBytes(StandardCharsets.US_ASCII);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /ims/token/v3 HTTP/1.1\r\nHost: " + fake.base().getAuthority()
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            Thread.sleep(500); // let the request reach a worker, which now waits for the rest of the body

            sigterm(fake.process());
            fake.output().await(line -> line.contains(STOPPED), 300); // a clean stop waits for us; a hasty one is done
            String statusLine;
            try {
                out.write(body, body.length / 2, body.length - body.length / 2);
                out.flush();
                statusLine = Objects.requireNonNullElse(
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine(),
                        "no answer: the connection was closed");
            } catch (IOException e) {
                statusLine = "no answer: " + e;
            }

            assertThat(fake.process().waitFor(10, SECONDS)).as("exited within 10 s of SIGTERM").isTrue();
            assertThat(awaitStopped(fake)).as("stdout: %s", fake.output().seen()).isTrue();
            assertThat(statusLine).as("the answer to the request in flight at SIGTERM").isEqualTo("HTTP/1.1 200 OK");
        } finally {
            fake.process().destroyForcibly();
        }
    }

    private static long answered(List<Outcome> outcomes) {
        return outcomes.stream().filter(Outcome::answered).count();
    }

    /**
     * Exchanges, client_credentials requests and validations in turn, until {@link #REFUSALS_TO_END}
     * requests sent after the process exited were refused, or the deadline.
     */
    private static void load(URI base, int client, Queue<Outcome> outcomes, AtomicInteger answers,
                             AtomicLong exitSeenAt, long deadline) {
        String lastToken = null;
        int refusedAfterExit = 0;
        for (int i = client; refusedAfterExit < REFUSALS_TO_END && System.nanoTime() - deadline < 0; i++) {
            String form = switch (i % 3) {
                case 0 -> "client_id=" + CREDENTIAL.clientId() + "&client_secret=" + CREDENTIAL.clientSecret() + "&jwt_token="
                        + ServiceAccountJwt.forCredential(CREDENTIAL, base).serialize();
                case 1 -> "grant_type=client_credentials&client_id=" + CREDENTIAL.clientId() + "&client_secret="
                        + CREDENTIAL.clientSecret() + "&scope=openid,AdobeID";
                default -> "type=access_token&client_id=" + CREDENTIAL.clientId() + "&token=" + (lastToken == null ? "none" : lastToken);
            };
            String path = switch (i % 3) {
                case 0 -> "/ims/exchange/jwt";
                case 1 -> "/ims/token/v3";
                default -> "/ims/validate_token/v1";
            };
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build();
            long sentAt = System.nanoTime();
            Outcome outcome;
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                outcome = new Outcome(sentAt, System.nanoTime(), response.statusCode(), response.body(), null);
            } catch (IOException e) {
                outcome = new Outcome(sentAt, System.nanoTime(), -1, null, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            outcomes.add(outcome);
            if (outcome.answered()) {
                answers.incrementAndGet();
                if (outcome.status() == 200 && i % 3 != 2) {
                    lastToken = tokenIn(outcome.body());
                }
            } else if (sentAt > exitSeenAt.get()) {
                refusedAfterExit++;
            } else {
                try {
                    Thread.sleep(5); // nobody listening yet the process lives: do not spin
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void assertProperAnswer(Outcome outcome) {
        assertThat(outcome.status()).as(outcome.body()).isIn(200, 400, 401);
        Map<String, Object> json = json(outcome.body());
        if (outcome.status() == 200) {
            assertThat(json).as(outcome.body()).containsAnyOf(Map.entry("token_type", "bearer"), Map.entry("valid", true),
                    Map.entry("valid", false));
        } else {
            assertThat(json).as(outcome.body()).containsOnlyKeys("error", "error_description");
        }
    }

    private static String tokenIn(String body) {
        Object token = json(body).get("access_token");
        return token instanceof String value ? value : null;
    }

    private static Map<String, Object> json(String body) {
        try {
            return JSONObjectUtils.parse(body);
        } catch (ParseException e) {
            throw new AssertionError("not a JSON object: " + body, e);
        }
    }

    // --- the separate JVM (as StandaloneTest starts it) ----------------------------------------

    private RunningFake startFake() throws IOException, InterruptedException {
        Process process = StandaloneJvm.command("--port", "0", "--config", writeConfig(CREDENTIAL).toString())
                .redirectError(dir.resolve("jvm-stderr.txt").toFile())
                .start();
        StandaloneJvm.Output output = StandaloneJvm.Output.of(process);
        String listening = output.await(line -> LISTENING.matcher(line).find(), 30_000);
        if (listening == null) {
            process.destroyForcibly();
        }
        assertThat(listening).as("stdout so far: %s; stderr: %s", output.seen(), stderr()).isNotNull();
        Matcher matcher = LISTENING.matcher(listening);
        assertThat(matcher.find()).isTrue();
        return new RunningFake(process, output, URI.create("http://127.0.0.1:" + matcher.group(1)));
    }

    /** Whether the fake printed that it stopped (now, or within 5 s). */
    private static boolean awaitStopped(RunningFake fake) throws InterruptedException {
        return fake.output().seen().stream().anyMatch(line -> line.contains(STOPPED))
                || fake.output().await(line -> line.contains(STOPPED), 5_000) != null;
    }

    /** SIGTERM through the handle: {@code Process.destroy()} would also close our end of stdout at once. */
    private static void sigterm(Process process) {
        assertThat(process.toHandle().destroy()).as("SIGTERM sent").isTrue();
    }

    private Path writeConfig(Credential credential) throws IOException {
        Files.writeString(dir.resolve("cert.pem"), X509CertUtils.toPEMString(credential.certificates().get(0)));
        return Files.writeString(dir.resolve("fake-ims.json"), """
                {"credentials":[{"clientId":"%s","clientSecret":"%s","orgId":"%s",
                  "technicalAccountId":"%s","metascopes":["ent_analytics_bulk_ingest_sdk"],
                  "scopes":["openid","AdobeID"],"certificates":["cert.pem"]}]}""".formatted(CREDENTIAL.clientId(),
                CREDENTIAL.clientSecret(), credential.orgId(), credential.technicalAccountId()));
    }

    private String stderr() throws IOException {
        Path file = dir.resolve("jvm-stderr.txt");
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
