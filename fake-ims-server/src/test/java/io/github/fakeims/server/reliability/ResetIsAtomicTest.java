package io.github.fakeims.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.ImsHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Tests sharing one fake reset it while others use it: a configured credential must never be missing,
 * not even for the instant a reset takes. Counts outcomes, bounded in requests.
 */
class ResetIsAtomicTest {

    private static final int CONFIGURED = 300;
    private static final int CLIENTS = 3;
    private static final int REQUESTS_PER_CLIENT = 400;

    @Test
    void aConfiguredCredentialIsNeverMissingWhileTheFakeResets() throws Exception {
        FakeImsConfig.Builder config = FakeImsConfig.builder();
        List<Credential> credentials = new ArrayList<>();
        for (int i = 0; i < CONFIGURED; i++) {
            Credential credential = Credential.builder().randomIds().scopes("openid").grants(io.github.fakeims.server.Grant.CLIENT_CREDENTIALS).build();
            credentials.add(credential);
            config.credential(credential);
        }
        try (FakeImsServer ims = FakeImsServer.start(config.build())) {
            Queue<String> failures = new ConcurrentLinkedQueue<>();
            AtomicInteger done = new AtomicInteger();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                Thread client = new Thread(() -> {
                    for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                        Credential credential = credentials.get(ThreadLocalRandom.current().nextInt(CONFIGURED));
                        String answer = tokenRequest(ims.port(), credential);
                        if (!answer.startsWith("HTTP/1.1 200")) {
                            failures.add(answer.lines().findFirst().orElse("no answer") + " "
                                    + answer.substring(Math.max(0, answer.indexOf("\r\n\r\n"))));
                        }
                    }
                    done.incrementAndGet();
                }, "reset-client-" + c);
                client.setDaemon(true);
                clients.add(client);
                client.start();
            }
            int resets = 0;
            while (done.get() < CLIENTS && resets < 1_000_000) {
                ims.reset();
                resets++;
            }
            for (Thread client : clients) {
                client.join(60_000);
                assertThat(client.isAlive()).isFalse();
            }
            System.out.printf("ResetIsAtomicTest: %d exchanges during %d resets, %d failed%n", CLIENTS * REQUESTS_PER_CLIENT,
                    resets, failures.size());
            assertThat(resets).isGreaterThan(0);
            assertThat(failures).as("exchanges that failed during resets").isEmpty();
            assertThat(ims.credentials()).hasSize(CONFIGURED);
        }
    }

    private static String tokenRequest(int port, Credential credential) {
        String body = "grant_type=client_credentials&client_id=" + ImsHttp.encode(credential.clientId()) + "&client_secret="
                + ImsHttp.encode(credential.clientSecret()) + "&scope=openid";
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /ims/token/v3 HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/x-www-form-urlencoded"
                    + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            in.transferTo(received);
            return received.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "no answer: " + e;
        }
    }
}
