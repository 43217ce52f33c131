package io.github.fakeims.server;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A scripted failure, for testing a client's retries and caching: an error status (429 with
 * {@code Retry-After}, 5xx), a delay, a dropped connection, or a malformed success body. By default it
 * hits the next call of any endpoint from any client, once; narrow it with {@link #on}, {@link #forClient}
 * and widen it with {@link #times} or {@link #during}. Immutable.
 *
 * <pre>{@code
 * ims.faults().add(Fault.tooManyRequests(Duration.ofSeconds(3)).on(ImsEndpoint.TOKEN).times(2));
 * }</pre>
 */
public final class Fault {

    /** What the fault does. */
    public enum Kind {
        /** Answers with an error status and an IMS-shaped error body; nothing is issued. */
        STATUS,
        /** Waits, then handles the request normally. */
        DELAY,
        /** Closes the connection without answering; nothing is issued. */
        DROP_CONNECTION,
        /** Handles the request, then breaks a successful answer's body. */
        MALFORMED_BODY
    }

    /** How a {@link Kind#MALFORMED_BODY} fault breaks a successful token response. */
    public enum Malformation {
        /** {@code "expires_in":"86399995"}: a string where clients expect a number. */
        EXPIRES_IN_AS_STRING,
        /** No {@code access_token} field. */
        MISSING_ACCESS_TOKEN,
        /** No {@code expires_in} field. */
        MISSING_EXPIRES_IN,
        /** The body cut off halfway: not JSON. */
        TRUNCATED_JSON,
        /** An HTML error page with status 200, as a misconfigured proxy sends. */
        HTML_PAGE,
        /** Status 200 with an empty body. */
        EMPTY_BODY
    }

    static final Duration MAX_DELAY = Duration.ofMinutes(5);

    private final Kind kind;
    private final int status;
    private final Optional<Duration> retryAfter;
    private final Optional<Duration> delay;
    private final Optional<Malformation> malformation;
    private final Optional<ImsEndpoint> endpoint;
    private final Optional<String> clientId;
    private final int times;
    private final Optional<Duration> duration;
    private final boolean retryAfterAsHttpDate;

    private Fault(Kind kind, int status, Optional<Duration> retryAfter, Optional<Duration> delay,
                  Optional<Malformation> malformation, Optional<ImsEndpoint> endpoint, Optional<String> clientId,
                  int times, Optional<Duration> duration, boolean retryAfterAsHttpDate) {
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
        this.delay = delay;
        this.malformation = malformation;
        this.endpoint = endpoint;
        this.clientId = clientId;
        this.times = times;
        this.duration = duration;
        this.retryAfterAsHttpDate = retryAfterAsHttpDate;
    }

    /** 429 with {@code Retry-After} in whole seconds (at least 1), as IMS throttles. */
    public static Fault tooManyRequests(Duration retryAfter) {
        long seconds = retryAfter.toSeconds();
        if (seconds < 1) {
            throw new IllegalArgumentException("retryAfter: must be at least 1 second, was " + retryAfter);
        }
        return new Fault(Kind.STATUS, 429, Optional.of(Duration.ofSeconds(seconds)), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 1, Optional.empty(), false);
    }

    /**
     * An error status: 429 (with {@code Retry-After: 1}), or 500 to 599 (a 503 may add {@link #retryAfter}).
     * The body is IMS-shaped: {@code {"error_description":"…","error":"…"}}.
     */
    public static Fault status(int status) {
        if (status == 429) {
            return tooManyRequests(Duration.ofSeconds(1));
        }
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("status: must be 429 or 500-599, was " + status
                    + " (the fake's own 4xx come from real validation: send a request IMS would refuse)");
        }
        return new Fault(Kind.STATUS, status, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 1, Optional.empty(), false);
    }

    /** Waits this long (at most 5 minutes), then answers normally. */
    public static Fault delay(Duration delay) {
        if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("delay: must be between 0 and " + MAX_DELAY + ", was " + delay);
        }
        return new Fault(Kind.DELAY, 0, Optional.empty(), Optional.of(delay), Optional.empty(),
                Optional.empty(), Optional.empty(), 1, Optional.empty(), false);
    }

    /** Closes the connection after reading the request, without answering. */
    public static Fault dropConnection() {
        return new Fault(Kind.DROP_CONNECTION, 0, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 1, Optional.empty(), false);
    }

    /** Handles the request and, when it succeeds, sends a broken body instead of the real one (the token is still issued). */
    public static Fault malformedBody(Malformation malformation) {
        return new Fault(Kind.MALFORMED_BODY, 0, Optional.empty(), Optional.empty(), Optional.of(malformation),
                Optional.empty(), Optional.empty(), 1, Optional.empty(), false);
    }

    /**
     * This 429 or 503 with {@code Retry-After} in whole seconds (at least 1): IMS throttles with 429, and
     * clients such as ims-go honour {@code Retry-After} on 503 too.
     */
    public Fault retryAfter(Duration retryAfter) {
        if (kind != Kind.STATUS || (status != 429 && status != 503)) {
            throw new IllegalArgumentException("retryAfter: is sent with status 429 or 503 only, not on " + effect());
        }
        long seconds = retryAfter.toSeconds();
        if (seconds < 1) {
            throw new IllegalArgumentException("retryAfter: must be at least 1 second, was " + retryAfter);
        }
        return new Fault(kind, status, Optional.of(Duration.ofSeconds(seconds)), delay, malformation, endpoint, clientId, times,
                duration, retryAfterAsHttpDate);
    }

    /**
     * {@code Retry-After} as an HTTP-date ({@code Tue, 01 Dec 2026 12:00:03 GMT}: the fake's clock when the
     * fault hits, plus {@link #retryAfter()}) instead of seconds; aio-lib-java 2.x parses both forms.
     */
    public Fault retryAfterAsHttpDate() {
        if (retryAfter.isEmpty()) {
            throw new IllegalArgumentException("retryAfter: set it first (tooManyRequests(d), or status(503).retryAfter(d))");
        }
        return new Fault(kind, status, retryAfter, delay, malformation, endpoint, clientId, times, duration, true);
    }

    /** Only calls to this endpoint. */
    public Fault on(ImsEndpoint endpoint) {
        if (endpoint == ImsEndpoint.UNKNOWN) {
            throw new IllegalArgumentException("endpoint: UNKNOWN is no endpoint; name one the fake serves");
        }
        return new Fault(kind, status, retryAfter, delay, malformation, Optional.of(endpoint), clientId, times, duration, retryAfterAsHttpDate);
    }

    /** Only calls whose {@code client_id} parameter is this. */
    public Fault forClient(String clientId) {
        if (clientId.isBlank()) {
            throw new IllegalArgumentException("clientId: must not be blank");
        }
        return new Fault(kind, status, retryAfter, delay, malformation, endpoint, Optional.of(clientId), times, duration, retryAfterAsHttpDate);
    }

    /** The next {@code count} matching calls (default 1). */
    public Fault times(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("times: must be at least 1, was " + count);
        }
        return new Fault(kind, status, retryAfter, delay, malformation, endpoint, clientId, count, Optional.empty(), retryAfterAsHttpDate);
    }

    /** Every matching call for this long after the fault is added, by the fake's clock (instead of a count). */
    public Fault during(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration: must be positive, was " + duration);
        }
        return new Fault(kind, status, retryAfter, delay, malformation, endpoint, clientId, 0, Optional.of(duration), retryAfterAsHttpDate);
    }

    public Kind kind() { return kind; }

    /** The status a {@link Kind#STATUS} fault answers with; 0 for other kinds. */
    public int status() { return status; }

    /** Whether {@code Retry-After} is sent as an HTTP-date rather than seconds. */
    public boolean isRetryAfterHttpDate() { return retryAfterAsHttpDate; }

    /** The {@code Retry-After} of a 429 or 503. */
    public Optional<Duration> retryAfter() { return retryAfter; }

    public Optional<Duration> delay() { return delay; }

    public Optional<Malformation> malformation() { return malformation; }

    /** The endpoint it is limited to; any when empty. */
    public Optional<ImsEndpoint> endpoint() { return endpoint; }

    /** The client it is limited to; any when empty. */
    public Optional<String> clientId() { return clientId; }

    /** How many matching calls it hits (for a pending fault: how many are left); 0 when timed ({@link #duration()}). */
    public int times() { return times; }

    /** For how long it hits every matching call (for a pending fault: how long is left). */
    public Optional<Duration> duration() { return duration; }

    /** Whether a call to {@code endpoint} by {@code clientId} is one this fault hits. */
    public boolean matches(ImsEndpoint calledEndpoint, Optional<String> callingClientId) {
        return endpoint.map(wanted -> wanted == calledEndpoint).orElse(calledEndpoint != ImsEndpoint.UNKNOWN)
                && clientId.map(wanted -> callingClientId.filter(wanted::equals).isPresent()).orElse(true);
    }

    /** What it does, e.g. {@code 429 Retry-After: 3}. */
    public String effect() {
        return switch (kind) {
            case STATUS -> status + retryAfter.map(after -> " Retry-After: " + after.toSeconds()
                    + (retryAfterAsHttpDate ? " s as an HTTP-date" : "")).orElse("");
            case DELAY -> "delay " + delay.orElseThrow().toMillis() + " ms";
            case DROP_CONNECTION -> "dropped connection";
            case MALFORMED_BODY -> "malformed body " + malformation.orElseThrow();
        };
    }

    @Override
    public String toString() {
        return effect() + " on " + endpoint.map(Enum::name).orElse("any endpoint")
                + clientId.map(id -> " for client_id " + id).orElse("")
                + duration.map(left -> " for " + left).orElse(", " + times + (times == 1 ? " call" : " calls"));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fault that && kind == that.kind && status == that.status && retryAfter.equals(that.retryAfter)
                && delay.equals(that.delay) && malformation.equals(that.malformation) && endpoint.equals(that.endpoint)
                && clientId.equals(that.clientId) && times == that.times && duration.equals(that.duration)
                && retryAfterAsHttpDate == that.retryAfterAsHttpDate;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, status, retryAfter, delay, malformation, endpoint, clientId, times, duration, retryAfterAsHttpDate);
    }
}
