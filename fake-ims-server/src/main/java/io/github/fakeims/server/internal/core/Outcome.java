package io.github.fakeims.server.internal.core;

import com.nimbusds.jwt.SignedJWT;
import java.util.List;
import java.util.Optional;

/**
 * What handling a request came to, beside the response: the access token it issued, the IMS error it
 * answered with (its precise reason whole), notes on a success (what was tolerated, why a check said
 * no) and the {@code jwt_token} it parsed. The journal records it; the reason header is rendered from it.
 */
public record Outcome(Optional<String> issuedTokenId, Optional<ImsError> error, List<String> notes, Optional<SignedJWT> jwt) {

    /** Nothing to record beyond the response. */
    public static final Outcome NONE = new Outcome(Optional.empty(), Optional.empty(), List.of(), Optional.empty());

    public Outcome {
        notes = List.copyOf(notes);
    }

    public static Outcome issued(String tokenId) {
        return new Outcome(Optional.of(tokenId), Optional.empty(), List.of(), Optional.empty());
    }

    /** A token issued for a parsed JWT, with what was tolerated in it. */
    public static Outcome issued(String tokenId, SignedJWT jwt, List<String> warnings) {
        return new Outcome(Optional.of(tokenId), Optional.empty(), warnings, Optional.of(jwt));
    }

    public static Outcome rejected(ImsError error) {
        return new Outcome(Optional.empty(), Optional.of(error), List.of(), Optional.empty());
    }

    /** A success with something to say, e.g. why {@code validate_token} answered {@code valid: false}. */
    public static Outcome noted(String note) {
        return new Outcome(Optional.empty(), Optional.empty(), List.of(note), Optional.empty());
    }

    /** The precise reason, whole: the error's, else the notes joined; none when all went as asked. */
    public Optional<String> reason() {
        return error.map(ImsError::reason).or(() -> notes.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", notes)));
    }
}
