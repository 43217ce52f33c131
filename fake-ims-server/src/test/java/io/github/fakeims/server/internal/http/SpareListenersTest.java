package io.github.fakeims.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spare listeners, made in line here (a direct executor) so that each step's state is known. */
class SpareListenersTest {

    private final SpareListeners spares = new SpareListeners(Runnable::run);

    @Test
    void atMostOneSparePerLoopbackHostAndEachIsHandedOutOnce() {
        spares.prepare("127.0.0.1");
        spares.prepare("127.0.0.1");
        assertThat(spares.ready()).isEqualTo(1);

        HttpServer spare = spares.take("127.0.0.1").orElseThrow();
        try {
            assertThat(spare.getAddress().getPort()).isPositive();
            assertThat(spares.take("127.0.0.1")).isEmpty();
            assertThat(spares.ready()).isZero();
        } finally {
            spare.stop(0);
        }
    }

    @Test
    void noSpareListensWhereOthersCouldReachItOrOnAPortSomeoneChose() {
        spares.prepare("0.0.0.0");
        spares.prepare("::");
        spares.prepare("192.0.2.1");
        assertThat(spares.ready()).isZero();
        assertThat(SpareListeners.applies("127.0.0.1", 0)).isTrue();
        assertThat(SpareListeners.applies("127.0.0.1", 8080)).isFalse();
        assertThat(SpareListeners.applies("0.0.0.0", 0)).isFalse();
    }

    @Test
    void closingAFakeOnAFreeLoopbackPortReadiesTheNextOnesListenerWhichServesAndTheClosedPortIsGone() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpServerAdapter first = HttpServerAdapter.bind("127.0.0.1", 0, spares);
        first.start(new AnsweringEngine());
        int firstPort = first.port();
        assertThat(get(client, firstPort)).isEqualTo(200);
        first.close();
        assertThat(spares.ready()).as("a spare made when the first closed").isEqualTo(1);

        HttpServerAdapter second = HttpServerAdapter.bind("127.0.0.1", 0, spares);
        try {
            assertThat(spares.ready()).as("the second took it").isZero();
            second.start(new AnsweringEngine());
            assertThat(second.port()).isNotEqualTo(firstPort);
            assertThat(get(client, second.port())).isEqualTo(200);
            assertThat(refused(client, firstPort)).as("the closed fake's port").isTrue();
        } finally {
            second.close();
            spares.take("127.0.0.1").ifPresent(spare -> spare.stop(0));
        }
    }

    @Test
    void aFakeOnAPortOfItsChoosingLeavesNoSpare() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        HttpServerAdapter fixed = HttpServerAdapter.bind("127.0.0.1", port, spares);
        fixed.close();
        assertThat(spares.ready()).isZero();
    }

    private static int get(HttpClient client, int port) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fake-ims/health")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static boolean refused(HttpClient client, int port) throws InterruptedException {
        try {
            get(client, port);
            return false;
        } catch (java.io.IOException e) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Answers every request 200: what the adapter serves is not under test here. */
    private static final class AnsweringEngine implements HttpServerAdapter.Engine {
        @Override
        public ImsResponse handle(String scheme, String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
            return ImsResponse.json(200, Map.of("status", "UP"));
        }

        @Override
        public ImsResponse bodyTooLarge(String method, String path) {
            return ImsResponse.empty(413);
        }

        @Override
        public ImsResponse bodyTooSlow(String method, String path) {
            return ImsResponse.empty(408);
        }

        @Override
        public boolean isLongPoll(String method, String path) {
            return false;
        }

        @Override
        public ImsResponse tooManyLongPolls(String method, String path) {
            return ImsResponse.empty(429);
        }

        @Override
        public ImsResponse failed(String method, String path, Throwable failure) {
            return ImsResponse.empty(500);
        }
    }
}
