package io.github.fakeims.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one HTTP client every benchmark uses: plain {@link HttpURLConnection}, the cheapest client in the
 * JDK, so client cost stays small and equal for every contender. Keep-alive is on (the JDK's default);
 * load runs raise {@code http.maxConnections} so 16 clients keep 16 connections open.
 */
public final class LoopbackHttp {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private LoopbackHttp() {
    }

    public record Response(int status, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The {@code access_token} of a token response, or an exception saying what came instead. */
        public String accessToken() {
            Matcher matcher = ACCESS_TOKEN.matcher(text());
            if (status != 200 || !matcher.find()) {
                throw new IllegalStateException("expected a token, got HTTP " + status + ": " + text());
            }
            return matcher.group(1);
        }
    }

    /** {@code application/x-www-form-urlencoded} bytes of the parameters, in their iteration order. */
    public static byte[] form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"))
                .getBytes(StandardCharsets.UTF_8);
    }

    public static Response postForm(URL url, byte[] form) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        connection.setRequestMethod("POST");
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(30_000);
        connection.setDoOutput(true);
        // Buffered (no streaming mode): bodies are small. The JDK sets TCP_NODELAY on the client's sockets, so
        // its separate header and body writes never wait on Nagle.
        connection.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
        try (OutputStream out = connection.getOutputStream()) {
            out.write(form);
        }
        int status = connection.getResponseCode();
        // Reading the body to its end and closing the stream hands the connection back for reuse.
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            return new Response(status, in == null ? new byte[0] : in.readAllBytes());
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
