package io.github.fakeims.server.internal.control;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.fakeims.server.Fault;
import io.github.fakeims.server.internal.core.HandlerResult;
import io.github.fakeims.server.internal.core.ImsError;
import io.github.fakeims.server.internal.core.ImsRejection;
import io.github.fakeims.server.internal.http.ImsResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What a scripted fault does to one request. */
public final class FaultEffects {

    /** The request's normal handling. */
    @FunctionalInterface
    public interface Handling {
        HandlerResult handle() throws ImsRejection;
    }

    private static final String HTML_PAGE = "<html><head><title>503 Service Temporarily Unavailable</title></head>"
            + "<body><h1>Service Temporarily Unavailable</h1></body></html>";

    private FaultEffects() {
    }

    /** IMF-fixdate (RFC 9110 §5.6.7): two-digit day, GMT; the JDK's RFC_1123 formatter drops the leading zero. */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    /**
     * The request's result under the fault: a rewritten body keeps the handling's outcome (its token was issued).
     *
     * @param now the fake's clock, for a {@code Retry-After} sent as an HTTP-date
     */
    public static HandlerResult apply(Fault fault, Instant now, Handling handling) throws ImsRejection {
        return switch (fault.kind()) {
            case STATUS -> throw statusError(fault, now);
            case DELAY -> {
                try {
                    Thread.sleep(fault.delay().orElseThrow().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // the server is stopping: no answer
                    yield HandlerResult.answered(ImsResponse.DROP_CONNECTION);
                }
                yield handling.handle();
            }
            case DROP_CONNECTION -> HandlerResult.answered(ImsResponse.DROP_CONNECTION);
            case MALFORMED_BODY -> {
                HandlerResult result = handling.handle();
                yield result.response().status() == 200 ? result.withResponse(malformed(result.response(), fault.malformation().orElseThrow()))
                        : result;
            }
        };
    }

    private static ImsRejection statusError(Fault fault, Instant now) {
        String reason = "scripted fault: " + fault;
        ImsError error = switch (fault.status()) {
            case 429 -> new ImsError(429, "too_many_requests", "Too many requests. Please retry after some time.", reason);
            case 502 -> new ImsError(502, "bad_gateway", "Bad gateway.", reason);
            case 503 -> new ImsError(503, "temporarily_unavailable", "The service is temporarily unavailable.", reason);
            case 504 -> new ImsError(504, "gateway_timeout", "Gateway timeout.", reason);
            default -> new ImsError(fault.status(), "server_error", "The server encountered an internal error.", reason);
        };
        return new ImsRejection(error, fault.retryAfter().map(after -> Map.of("Retry-After", fault.isRetryAfterHttpDate()
                ? HTTP_DATE.format(now.plus(after).truncatedTo(ChronoUnit.SECONDS)) : Long.toString(after.toSeconds())))
                .orElse(Map.of()));
    }

    private static ImsResponse malformed(ImsResponse response, Fault.Malformation malformation) {
        return switch (malformation) {
            case EXPIRES_IN_AS_STRING -> rewrite(response, json -> json.computeIfPresent("expires_in", (name, value) -> String.valueOf(value)));
            case MISSING_ACCESS_TOKEN -> rewrite(response, json -> json.remove("access_token"));
            case MISSING_EXPIRES_IN -> rewrite(response, json -> json.remove("expires_in"));
            case TRUNCATED_JSON -> withBody(response, ImsResponse.JSON,
                    response.bodyText().substring(0, response.bodyText().length() / 2));
            case HTML_PAGE -> withBody(response, "text/html;charset=UTF-8", HTML_PAGE);
            case EMPTY_BODY -> withBody(response, ImsResponse.JSON, "");
        };
    }

    private static ImsResponse rewrite(ImsResponse response, java.util.function.Consumer<Map<String, Object>> edit) {
        Map<String, Object> json;
        try {
            json = new LinkedHashMap<>(JSONObjectUtils.parse(response.bodyText()));
        } catch (ParseException e) {
            return response; // not a JSON object: nothing to break in this way
        }
        edit.accept(json);
        return withBody(response, ImsResponse.JSON, JSONObjectUtils.toJSONString(json));
    }

    private static ImsResponse withBody(ImsResponse response, String contentType, String body) {
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.put("Content-Type", contentType);
        return new ImsResponse(response.status(), headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
