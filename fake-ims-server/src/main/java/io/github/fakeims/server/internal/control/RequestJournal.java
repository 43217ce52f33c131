package io.github.fakeims.server.internal.control;

import com.nimbusds.jwt.SignedJWT;
import io.github.fakeims.server.Fault;
import io.github.fakeims.server.ImsEndpoint;
import io.github.fakeims.server.JournalEntry;
import io.github.fakeims.server.internal.core.HandlerResult;
import io.github.fakeims.server.internal.core.ImsError;
import io.github.fakeims.server.internal.core.Outcome;
import io.github.fakeims.server.internal.http.FormParams;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns a handled request into a journal entry: secrets masked, the JWT decoded, the outcome summed up,
 * and everything cut to the caps of {@link RetainedBytes}, so a hostile request leaves a small entry.
 */
public final class RequestJournal {

    /** Parameters whose values are credentials: the journal shows only their start and length. */
    private static final Set<String> SECRET_PARAMETERS = Set.of("client_secret", "jwt_token", "token", "access_token",
            "refresh_token", "code", "password", "assertion", "client_assertion");

    private final JournalStore store;
    private final Clock clock;

    public RequestJournal(JournalStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public JournalStore store() {
        return store;
    }

    /** A request whose client is the {@code client_id} parameter, if any. */
    public void record(String method, String path, ImsEndpoint endpoint, FormParams params, HandlerResult result,
                       Optional<Fault> fault, String debugId) {
        record(method, path, endpoint, params, params.get("client_id"), result, fault, debugId);
    }

    /**
     * A handled request, from its result: the status from the response, the rest from the outcome (the
     * reason whole, not the header's sanitised copy; the JWT as the handler parsed it, else decoded here).
     * The client is named apart from the parameters: the form and query as sent are the entry's
     * parameters, while the client may have been named by HTTP Basic or {@code X-IMS-ClientId}.
     */
    public void record(String method, String path, ImsEndpoint endpoint, FormParams params, Optional<String> clientId,
                       HandlerResult result, Optional<Fault> fault, String debugId) {
        Instant time = clock.instant();
        Outcome outcome = result.outcome();
        Optional<ImsError> error = outcome.error();
        Map<String, String> parameters = new LinkedHashMap<>();
        params.asMap().forEach((name, value) -> parameters.put(name, SECRET_PARAMETERS.contains(name) ? mask(value.decoded()) : value.decoded()));
        Optional<SignedJWT> jwt = outcome.jwt().or(() -> params.get("jwt_token").flatMap(RequestJournal::decode));
        Optional<String> reason = outcome.reason().map(text -> RetainedBytes.cut(text, RetainedBytes.MAX_TEXT_CHARS));
        Optional<Map<String, Object>> header = jwt.flatMap(decoded -> json(() -> decoded.getHeader().toJSONObject()));
        Optional<Map<String, Object>> claims = jwt.flatMap(decoded -> json(() -> decoded.getPayload().toJSONObject()));
        store.record(sequence -> new JournalEntry(sequence, time, method, RetainedBytes.cut(path, RetainedBytes.MAX_TEXT_CHARS), endpoint,
                clientId.map(id -> RetainedBytes.cut(id, RetainedBytes.MAX_VALUE_CHARS)), RetainedBytes.parameters(parameters),
                header, claims, result.response().status(), outcome.issuedTokenId(), error.map(ImsError::error), error.map(ImsError::description), reason,
                fault.map(Fault::toString), debugId));
    }

    /** A decoded JSON object as the journal keeps it (cut to its caps); none when it cannot be decoded, whatever is thrown. */
    private static Optional<Map<String, Object>> json(Supplier<Map<String, Object>> decode) {
        try {
            return Optional.ofNullable(decode.get()).map(RetainedBytes::jsonObject);
        } catch (RuntimeException | StackOverflowError e) {
            return Optional.empty();
        }
    }

    private static Optional<SignedJWT> decode(String jwt) {
        try {
            return Optional.of(SignedJWT.parse(jwt.strip()));
        } catch (ParseException | RuntimeException | StackOverflowError e) {
            return Optional.empty();
        }
    }

    /** Enough to recognise a value, not to reuse it. */
    static String mask(String secret) {
        String start = secret.substring(0, Math.min(4, secret.length() / 4));
        return start + "…(" + secret.length() + " chars)";
    }
}
