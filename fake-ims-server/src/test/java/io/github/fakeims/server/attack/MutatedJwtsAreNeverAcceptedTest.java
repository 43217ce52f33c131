package io.github.fakeims.server.attack;

import static io.github.fakeims.server.attack.AttackKit.NOW;
import static io.github.fakeims.server.attack.AttackKit.RS256_HEADER;
import static io.github.fakeims.server.attack.AttackKit.assertImsErrorShape;
import static io.github.fakeims.server.attack.AttackKit.audience;
import static io.github.fakeims.server.attack.AttackKit.describe;
import static io.github.fakeims.server.attack.AttackKit.exchange;
import static io.github.fakeims.server.attack.AttackKit.json;
import static io.github.fakeims.server.attack.AttackKit.register;
import static io.github.fakeims.server.attack.AttackKit.signRs256;
import static io.github.fakeims.server.attack.Mutations.visible;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.JSONStringUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.TestCredentials;
import io.github.fakeims.server.TestKeys;
import io.github.fakeims.server.internal.core.ImsError;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Family 4b, the JWT front door under fuzzing, over real HTTP. A valid signed JWT is mutated (characters
 * flipped, inserted, deleted; segments swapped, dropped, spliced from other tokens; claims re-encoded with
 * random values and re-signed) and posted to {@code /ims/exchange/jwt}. The answer is 200 only when the
 * JWT is still the same JWS (strictly read) or, for re-signed claims, exactly when every documented rule
 * holds; otherwise the documented IMS error, and never a 5xx.
 */
class MutatedJwtsAreNeverAcceptedTest {

    private static final Set<String> DESCRIPTIONS = Set.of(ImsError.FORMAT, ImsError.BAD_CLIENT_ID, ImsError.NO_BINDING,
            ImsError.EXPIRED, ImsError.NOT_YET_VALID, ImsError.METASCOPES, "Missing required parameter: jwt_token");

    private static FakeImsServer ims;
    private static Credential credential;
    private static Credential other;
    private static String original;
    /** Tokens whose segments get spliced into the original: another credential's, a PS256 one, an expired one, alg none. */
    private static List<String> donors;

    @BeforeContainer
    static void start() throws Exception {
        ims = AttackKit.startServer();
        credential = register(ims, TestCredentials.credential());
        other = register(ims, TestCredentials.credential(TestKeys.OTHER_KEYS).build());
        original = AttackKit.validJwt(ims, credential);
        Map<String, Object> expired = AttackKit.claims(ims, credential);
        expired.put("exp", NOW.getEpochSecond() - 3600);
        SignedJWT ps256 = new SignedJWT(new JWSHeader(JWSAlgorithm.PS256), JWTClaimsSet.parse(AttackKit.claims(ims, credential)));
        ps256.sign(new RSASSASigner(TestKeys.KEYS.getPrivate()));
        donors = List.of(
                signRs256(RS256_HEADER, json(AttackKit.claims(ims, other)), TestKeys.OTHER_KEYS.getPrivate()),
                signRs256(RS256_HEADER, json(AttackKit.claims(ims, credential)), TestKeys.OTHER_KEYS.getPrivate()),
                ps256.serialize(),
                AttackKit.signed(expired),
                AttackKit.b64("{\"alg\":\"none\"}") + "." + AttackKit.b64(json(AttackKit.claims(ims, credential))) + ".");
        AttackKit.assertIssued(exchange(ims, credential, original));
    }

    @AfterContainer
    static void stop() {
        ims.close();
    }

    // --- character and segment mutations ----------------------------------------------------------------

    /** Edits that stay within the base64url alphabet and the dots: nothing but the strictly same JWS is accepted. */
    @Property(tries = 500, shrinking = ShrinkingMode.OFF)
    void base64UrlCharacterEditsNeverBuyAToken(@ForAll("base64UrlEdits") List<Mutations.Edit> edits) {
        assertAnsweredAsTheSameJwsOrRejected(Mutations.apply(original, edits));
    }

    /**
     * Edits with any character: padding, '+' and '/', whitespace, controls, non-ASCII. A mutant that is not
     * strictly base64url must not be accepted, even when the lenient decoder would recover the same bytes.
     */
    @Property(tries = 500, shrinking = ShrinkingMode.OFF)
    void anyCharacterEditsNeverBuyAToken(@ForAll("anyEdits") List<Mutations.Edit> edits) {
        assertAnsweredAsTheSameJwsOrRejected(Mutations.apply(original, edits));
    }

    @Property(tries = 300, shrinking = ShrinkingMode.OFF)
    void segmentSplicesNeverBuyAToken(@ForAll("segmentEdits") List<Mutations.SegmentEdit> edits) {
        String mutant = original;
        for (Mutations.SegmentEdit edit : edits) {
            mutant = edit.apply(mutant, donors);
        }
        assertAnsweredAsTheSameJwsOrRejected(mutant);
    }

    @Provide
    Arbitrary<List<Mutations.Edit>> base64UrlEdits() {
        return Mutations.editLists(Mutations.base64UrlChars());
    }

    @Provide
    Arbitrary<List<Mutations.Edit>> anyEdits() {
        return Mutations.editLists(Mutations.anyChars());
    }

    @Provide
    Arbitrary<List<Mutations.SegmentEdit>> segmentEdits() {
        return Mutations.segmentEdits();
    }

    private static void assertAnsweredAsTheSameJwsOrRejected(String mutant) {
        HttpResponse<String> response = exchange(ims, credential, mutant);
        String sample = "mutant " + visible(mutant) + "\n  -> " + describe(response);
        if (Mutations.sameJws(mutant, original)) {
            assertThat(response.statusCode()).as("still the same JWS, so accepted: %s", sample).isEqualTo(200);
            return;
        }
        assertThat(response.statusCode()).as("not the same JWS, so rejected: %s", sample).isEqualTo(400);
        Map<String, Object> error = assertImsErrorShape(response);
        assertThat((String) error.get("error_description")).as(sample).isIn(DESCRIPTIONS);
    }

    // --- re-encoded claims, re-signed with the registered key ---------------------------------------------

    enum Iss { RIGHT, WRONG, NUMBER, ARRAY, MISSING }

    enum Sub { RIGHT, WRONG, ARRAY, MISSING }

    enum Aud { RIGHT, OTHER_CLIENT, FOREIGN_BASE, ONE_ELEMENT_ARRAY, TWO_VALUES, NUMBER, MISSING }

    enum Exp { VALID, EXPIRED, LIMIT_OF_SKEW, STRING, FRACTION, NEGATIVE, HUGE, MISSING }

    enum Nbf { ABSENT, PAST, FUTURE, STRING }

    enum Metascope { TRUE, FALSE, STRING_TRUE, ONE, MISSING, NOT_GRANTED, TWO_GRANTED }

    enum Alg { RS256, PS256 }

    record Claims(Iss iss, Sub sub, Aud aud, Exp exp, Nbf nbf, Metascope metascope, Alg alg, boolean withJti) {
    }

    /** Expected answer: 200, or status, error and description, by the README's table in its order. */
    record Expected(int status, String error, String description) {
        static final Expected ISSUED = new Expected(200, "", "");
    }

    @Property(tries = 500, shrinking = ShrinkingMode.OFF)
    void reEncodedClaimsGetExactlyTheDocumentedAnswer(@ForAll("claimSets") Claims claims) throws Exception {
        HttpResponse<String> response = exchange(ims, credential, build(claims));
        Expected expected = expected(claims);
        String sample = claims + "\n  -> " + describe(response);

        assertThat(response.statusCode()).as(sample).isEqualTo(expected.status());
        if (expected.status() != 200) {
            Map<String, Object> error = assertImsErrorShape(response);
            assertThat(error).as(sample).containsEntry("error", expected.error()).containsEntry("error_description",
                    expected.description());
        }
    }

    @Provide
    Arbitrary<Claims> claimSets() {
        // Mostly right values, so that the later checks are reached too.
        return Combinators.combine(
                mostly(Iss.RIGHT, Iss.values()), mostly(Sub.RIGHT, Sub.values()), mostly(Aud.RIGHT, Aud.values()),
                mostly(Exp.VALID, Exp.values()), mostly(Nbf.ABSENT, Nbf.values()), mostly(Metascope.TRUE, Metascope.values()),
                mostly(Alg.RS256, Alg.values()), Arbitraries.of(true, false)
        ).as(Claims::new);
    }

    @SafeVarargs
    private static <T> Arbitrary<T> mostly(T right, T... all) {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(right)),
                Tuple.of(2, Arbitraries.of(all)));
    }

    private static String build(Claims c) throws Exception {
        long now = NOW.getEpochSecond();
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("iss", switch (c.iss()) {
            case RIGHT -> q(credential.orgId());
            case WRONG -> q(other.orgId());
            case NUMBER -> "42";
            case ARRAY -> "[" + q(credential.orgId()) + "]";
            case MISSING -> null;
        });
        raw.put("sub", switch (c.sub()) {
            case RIGHT -> q(credential.technicalAccountId());
            case WRONG -> q(other.technicalAccountId());
            case ARRAY -> "[" + q(credential.technicalAccountId()) + "]";
            case MISSING -> null;
        });
        raw.put("aud", switch (c.aud()) {
            case RIGHT -> q(audience(ims, credential));
            case OTHER_CLIENT -> q(audience(ims, other));
            case FOREIGN_BASE -> q("https://ims.example.test/c/" + credential.clientId());
            case ONE_ELEMENT_ARRAY -> "[" + q(audience(ims, credential)) + "]";
            case TWO_VALUES -> "[" + q(audience(ims, credential)) + "," + q(audience(ims, other)) + "]";
            case NUMBER -> "7";
            case MISSING -> null;
        });
        raw.put("iat", Long.toString(now));
        raw.put("exp", switch (c.exp()) {
            case VALID -> Long.toString(now + 180);
            case EXPIRED -> Long.toString(now - 31);
            case LIMIT_OF_SKEW -> Long.toString(now - 30);
            case STRING -> q(Long.toString(now + 180));
            case FRACTION -> (now + 180) + ".5";
            case NEGATIVE -> "-5";
            case HUGE -> Long.toString(Long.MAX_VALUE);
            case MISSING -> null;
        });
        raw.put("nbf", switch (c.nbf()) {
            case ABSENT -> null;
            case PAST -> Long.toString(now - 60);
            case FUTURE -> Long.toString(now + 3600);
            case STRING -> q(Long.toString(now));
        });
        String granted = ims.baseUrl() + "/s/" + TestCredentials.METASCOPE;
        switch (c.metascope()) {
            case TRUE -> raw.put(granted, "true");
            case FALSE -> raw.put(granted, "false");
            case STRING_TRUE -> raw.put(granted, q("true"));
            case ONE -> raw.put(granted, "1");
            case MISSING -> { }
            case NOT_GRANTED -> raw.put(ims.baseUrl() + "/s/ent_campaign_sdk", "true");
            case TWO_GRANTED -> {
                raw.put(granted, "true");
                raw.put(ims.baseUrl() + "/s/ent_user_sdk", "true");
            }
        }
        if (c.withJti()) {
            raw.put("jti", q("jti-" + System.nanoTime()));
        }
        List<String> members = new ArrayList<>();
        raw.forEach((name, value) -> {
            if (value != null) {
                members.add(q(name) + ":" + value);
            }
        });
        String payload = "{" + String.join(",", members) + "}";
        if (c.alg() == Alg.PS256) {
            String input = AttackKit.b64("{\"alg\":\"PS256\"}") + "." + AttackKit.b64(payload);
            return input + "." + new RSASSASigner(TestKeys.KEYS.getPrivate()).sign(new JWSHeader(JWSAlgorithm.PS256),
                    input.getBytes(StandardCharsets.US_ASCII));
        }
        return signRs256(RS256_HEADER, payload, TestKeys.KEYS.getPrivate());
    }

    /** The README's checks in their order; the first that fails answers. */
    private static Expected expected(Claims c) {
        Expected format = new Expected(400, "invalid_token", ImsError.FORMAT);
        boolean undecodable = c.iss() == Iss.NUMBER || c.iss() == Iss.ARRAY || c.sub() == Sub.ARRAY || c.aud() == Aud.NUMBER
                || c.nbf() == Nbf.STRING || Set.of(Exp.STRING, Exp.FRACTION, Exp.NEGATIVE, Exp.HUGE, Exp.MISSING).contains(c.exp());
        if (undecodable) {
            return format;
        }
        if (c.alg() != Alg.RS256) {
            return new Expected(400, "invalid_token", ImsError.NO_BINDING);
        }
        if (Set.of(Aud.OTHER_CLIENT, Aud.FOREIGN_BASE, Aud.TWO_VALUES, Aud.MISSING).contains(c.aud())) {
            return new Expected(400, "invalid_client", ImsError.BAD_CLIENT_ID);
        }
        if (c.iss() != Iss.RIGHT || c.sub() != Sub.RIGHT) {
            return new Expected(400, "invalid_token", ImsError.NO_BINDING);
        }
        if (c.exp() == Exp.EXPIRED) {
            return new Expected(400, "invalid_token", ImsError.EXPIRED);
        }
        if (c.nbf() == Nbf.FUTURE) {
            return new Expected(400, "invalid_token", ImsError.NOT_YET_VALID);
        }
        if (!Set.of(Metascope.TRUE, Metascope.TWO_GRANTED).contains(c.metascope())) {
            return new Expected(400, "invalid_scope", ImsError.METASCOPES);
        }
        return Expected.ISSUED;
    }

    private static String q(String text) {
        return JSONStringUtils.toJSONString(text);
    }
}
