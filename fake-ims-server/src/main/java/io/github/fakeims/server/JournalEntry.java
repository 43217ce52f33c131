package io.github.fakeims.server;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request the fake received and what it answered. Deeply immutable: nested claim objects and arrays too.
 *
 * @param sequence     1 for the first request the fake received, then counting up; never reused (not even after a reset)
 * @param time         when it arrived, by the fake's clock
 * @param endpoint     the endpoint the path reached ({@link ImsEndpoint#UNKNOWN} for a 404)
 * @param clientId     the client, when named: by the {@code client_id} parameter, HTTP Basic or {@code X-IMS-ClientId}
 * @param parameters   the query and form parameters, with secrets and tokens masked
 * @param jwtHeader    the decoded header of the {@code jwt_token} parameter, when it could be decoded
 * @param jwtClaims    the decoded claims of the {@code jwt_token} parameter, when it could be decoded
 * @param status       the HTTP status answered; 0 when a scripted fault dropped the connection
 * @param tokenId      the id of the access token issued, when one was
 * @param error        the IMS error code answered, e.g. {@code invalid_token}
 * @param errorDescription IMS's description that went with it
 * @param reason       the fake's precise reason for a rejection, or its warnings on a success, whole up to
 *                     2,048 characters (the client gets a copy in {@code X-Fake-Ims-Reason}: one line of
 *                     visible ASCII, at most 1,000 characters)
 * @param fault        the scripted fault applied to this request, described
 * @param debugId      the {@code x-debug-id} sent with the response (also in the fake's log)
 */
public record JournalEntry(long sequence, Instant time, String method, String path, ImsEndpoint endpoint,
                           Optional<String> clientId, Map<String, String> parameters,
                           Optional<Map<String, Object>> jwtHeader, Optional<Map<String, Object>> jwtClaims,
                           int status, Optional<String> tokenId, Optional<String> error,
                           Optional<String> errorDescription, Optional<String> reason, Optional<String> fault,
                           String debugId) {

    public JournalEntry {
        parameters = Map.copyOf(parameters);
        jwtHeader = jwtHeader.map(JournalEntry::frozen);
        jwtClaims = jwtClaims.map(JournalEntry::frozen);
    }

    /** A deep, unmodifiable copy of decoded JSON: nested objects and arrays too (JSON may hold nulls, which Map.copyOf refuses). */
    private static Map<String, Object> frozen(Map<String, Object> json) {
        Map<String, Object> copy = new LinkedHashMap<>();
        json.forEach((name, value) -> copy.put(name, frozenValue(value)));
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    private static Object frozenValue(Object value) {
        if (value instanceof Map<?, ?> object) {
            return frozen((Map<String, Object>) object);
        }
        if (value instanceof Collection<?> array) {
            List<Object> copy = new ArrayList<>(array.size());
            array.forEach(element -> copy.add(frozenValue(element)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    /** Whether the fake answered with a 2xx status. */
    public boolean succeeded() {
        return status >= 200 && status < 300;
    }

    /** Whether a token was issued. */
    public boolean issuedToken() {
        return tokenId.isPresent();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("#").append(sequence).append(' ').append(method).append(' ').append(path)
                .append(" -> ").append(status == 0 ? "dropped" : Integer.toString(status));
        clientId.ifPresent(id -> text.append(" client_id=").append(id));
        error.ifPresent(code -> text.append(' ').append(code));
        reason.ifPresent(why -> text.append(": ").append(why));
        fault.ifPresent(f -> text.append(" [fault: ").append(f).append(']'));
        return text.toString();
    }
}
