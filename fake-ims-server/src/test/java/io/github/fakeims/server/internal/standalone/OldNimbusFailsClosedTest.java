package io.github.fakeims.server.internal.standalone;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakeims.server.StandaloneJvm;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fake on a class path where a user's build resolved an older nimbus-jose-jwt (9.37.3, what Spring
 * Boot 3 pins): a JWT whose header is not JSON, and one whose payload is nested 100,000 levels deep,
 * must be refused, never answered with a token or an empty reply; the admin API's dry run too.
 * The build copies that jar to {@code target/old-nimbus/} (the server's pom), so a plain {@code mvn verify} runs this.
 */
class OldNimbusFailsClosedTest {

    private static final String OLD_NIMBUS = "9.37.3";

    @Test
    void hostileJwtsAreRefusedWithAnOldNimbusOnTheClassPath(@TempDir Path demo) throws Exception {
        Path oldJar = Path.of("target", "old-nimbus", "nimbus-jose-jwt-" + OLD_NIMBUS + ".jar");
        assertThat(oldJar).as("the build copies it there (maven-dependency-plugin, generate-test-resources); run the tests with mvn")
                .exists();
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> entry.contains("nimbus-jose-jwt") ? oldJar.toString() : entry)
                .collect(Collectors.joining(File.pathSeparator));
        ProcessBuilder command = StandaloneJvm.command("--port", "0", "--demo-dir", demo.toString());
        command.command().set(command.command().indexOf("-cp") + 1, classPath);
        StandaloneJvm.Started fake = StandaloneJvm.start(command);
        Process process = fake.process();
        try {
            int port = fake.port();
            PrivateKey key = privateKey(demo.resolve("private.key"));
            String base = "http://127.0.0.1:" + port;
            long now = Instant.now().getEpochSecond();
            String claims = "{\"iss\":\"" + DemoCredential.ORG_ID + "\",\"sub\":\"" + DemoCredential.TECHNICAL_ACCOUNT_ID
                    + "\",\"aud\":\"" + base + "/c/" + DemoCredential.CLIENT_ID + "\",\"exp\":" + (now + 180) + ",\"" + base + "/s/"
                    + DemoCredential.METASCOPE + "\":true";
            String valid = sign("{\"alg\":\"RS256\"}", claims + "}", key);
            String headerNotJson = sign("not json", claims + "}", key);
            String deep = sign("{\"alg\":\"RS256\"}", claims + ",\"deep\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}", key);

            assertThat(exchange(port, valid)).as("a valid JWT, to show the set-up works").startsWith("HTTP/1.1 200");
            for (String hostile : new String[] {headerNotJson, deep}) {
                assertThat(exchange(port, hostile)).startsWith("HTTP/1.1 400").doesNotContain("access_token");
                String dryRun = post(port, "/fake-ims/verify-jwt", "application/json",
                        "{\"clientId\":\"" + DemoCredential.CLIENT_ID + "\",\"jwt\":\"" + hostile + "\"}");
                assertThat(dryRun).startsWith("HTTP/1.1 200").contains("\"accepted\":false");
            }
        } finally {
            process.destroyForcibly();
            process.waitFor(10, SECONDS);
        }
    }

    private static String exchange(int port, String jwt) {
        return post(port, "/ims/exchange/jwt", "application/x-www-form-urlencoded", "client_id=" + DemoCredential.CLIENT_ID
                + "&client_secret=" + DemoCredential.CLIENT_SECRET + "&jwt_token=" + URLEncoder.encode(jwt, StandardCharsets.UTF_8));
    }

    private static String post(int port, String path, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: " + contentType
                    + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            in.transferTo(received);
            return received.size() == 0 ? "empty reply" : received.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "no answer: " + e;
        }
    }

    private static String sign(String header, String payload, PrivateKey key) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64.encodeToString(signature.sign());
    }

    private static PrivateKey privateKey(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
