package io.github.fakeims.server.internal.http;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An HTTP response as the handlers produce it, independent of the HTTP engine. */
public record ImsResponse(int status, Map<String, String> headers, byte[] body) {

    public static final String JSON = "application/json;charset=UTF-8";
    /** Carries the fake's precise reason beside IMS's terse error description. */
    public static final String REASON_HEADER = "X-Fake-Ims-Reason";

    /** Not an answer: the adapter closes the connection without responding (a scripted fault). */
    public static final ImsResponse DROP_CONNECTION = new ImsResponse(0, Map.of(), new byte[0]);

    public ImsResponse {
        headers = Map.copyOf(headers);
    }

    public static ImsResponse json(int status, Map<String, ?> json) {
        return new ImsResponse(status, Map.of("Content-Type", JSON),
                JSONObjectUtils.toJSONString(json).getBytes(StandardCharsets.UTF_8));
    }

    public static ImsResponse json(int status, List<?> json) {
        return new ImsResponse(status, Map.of("Content-Type", JSON),
                JSONArrayUtils.toJSONString(json).getBytes(StandardCharsets.UTF_8));
    }

    public static ImsResponse empty(int status) {
        return new ImsResponse(status, Map.of(), new byte[0]);
    }

    /** This response with one more header; the value is made one line of visible ASCII (it may echo client input). */
    public ImsResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, headerSafe(value));
        return new ImsResponse(status, more, body);
    }

    private static String headerSafe(String text) {
        StringBuilder safe = new StringBuilder(Math.min(text.length(), 1000));
        for (int i = 0; i < text.length() && safe.length() < 1000; i++) {
            char c = text.charAt(i);
            safe.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return safe.toString();
    }

    public boolean dropsConnection() {
        return status == 0;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
