package io.github.fakeims.server.reliability;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakeims.server.StandaloneJvm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The standalone fake in a JVM with a 256 MiB heap, sent 60 requests of just under 1 MiB each, every one a
 * JWT whose payload holds 60,000 tiny claims (each kept as a map entry, it was 5-7 MB of heap): the
 * journal keeps a bounded number of bytes of each, so the fake still answers afterwards, admin API included.
 */
class SmallHeapSurvivesHostileBodiesTest {

    private static final int REQUESTS = 60;

    @Test
    void aFakeWithA256MibHeapStillAnswersAfterSixtyHostileMegabyteBodies() throws Exception {
        ProcessBuilder command = StandaloneJvm.command("--port", "0");
        command.command().add(1, "-Xmx256m");
        StandaloneJvm.Started fake = StandaloneJvm.start(command);
        Process process = fake.process();
        try {
            int port = fake.port();

            byte[] body = hostileBody();
            int answered = 0;
            for (int i = 0; i < REQUESTS; i++) {
                if (status(port, "POST", "/ims/exchange/jwt", body) == 0) {
                    break; // a fake that stopped answering will not start again: no need to wait 30 s for each of the rest
                }
                answered++;
            }

            assertThat(answered).as("hostile requests answered").isEqualTo(REQUESTS);
            assertThat(status(port, "GET", "/fake-ims/health", new byte[0])).isEqualTo(200);
            assertThat(status(port, "GET", "/fake-ims/journal", new byte[0])).isEqualTo(200);
            assertThat(process.isAlive()).isTrue();
        } finally {
            process.destroyForcibly();
            process.waitFor(10, SECONDS);
        }
    }

    private static byte[] hostileBody() {
        StringBuilder payload = new StringBuilder("{");
        for (int i = 0; i < 60_000; i++) {
            payload.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        payload.append('}');
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String jwt = b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(new byte[256]);
        String form = "client_id=nobody&client_secret=s&jwt_token=" + jwt;
        return (form + "&comment=" + "x".repeat((1 << 20) - form.length() - 200)).getBytes(StandardCharsets.US_ASCII);
    }

    /** The status of one request on a fresh connection; 0 when no answer came in 30 s. */
    private static int status(int port, String method, String path, byte[] body) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/x-www-form-urlencoded"
                    + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) != -1 && head.size() < 12) {
                head.write(buffer, 0, read);
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            return text.startsWith("HTTP/1.1 ") && text.length() >= 12 ? Integer.parseInt(text.substring(9, 12)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
