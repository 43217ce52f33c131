package io.github.fakeims.server.attack;

import static io.github.fakeims.server.ImsErrorAssertions.assertImsError;
import static io.github.fakeims.server.attack.AttackKit.RS256_HEADER;
import static io.github.fakeims.server.attack.AttackKit.assertIssued;
import static io.github.fakeims.server.attack.AttackKit.b64;
import static io.github.fakeims.server.attack.AttackKit.claims;
import static io.github.fakeims.server.attack.AttackKit.exchange;
import static io.github.fakeims.server.attack.AttackKit.json;
import static io.github.fakeims.server.attack.AttackKit.register;
import static io.github.fakeims.server.attack.AttackKit.signRs256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.JSONStringUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.TestCredentials;
import io.github.fakeims.server.TestKeys;
import io.github.fakeims.server.internal.core.ImsError;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateEncodingException;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.text.ParseException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Family 1, header tricks: every way a JWS header can point a verifier at a key the attacker controls,
 * make it skip a check, or change the algorithm. Only a registered certificate's key with RS256 may
 * ever buy a token; headers that merely carry extra, harmless information are ignored.
 */
class JwtHeaderTricksAreRejectedTest {

    private static final String SIGNATURE_FAILS = "the signature does not verify with the public key of any of the 1 valid certificate(s)";

    @AutoClose
    private static FakeImsServer ims;
    /** Registered with {@link TestKeys#KEYS} only. */
    private static Credential credential;
    /** Never registered anywhere on this fake: the attacker's own RSA key. */
    private static final KeyPair ATTACKER = TestKeys.OTHER_KEYS;
    private static KeyPair ecKeys;
    /** Stands for the attacker's key server: the fake must never connect to it. */
    @AutoClose
    private static ServerSocket attackerKeyServer;

    @BeforeAll
    static void start() throws Exception {
        ims = AttackKit.startServer();
        credential = register(ims, TestCredentials.credential());
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        ecKeys = ec.generateKeyPair();
        attackerKeyServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        attackerKeyServer.setSoTimeout(300);
    }

    // --- headers that point at the attacker's key ------------------------------------------------------

    @Test
    void rejectsAJkuHeaderNamingTheAttackersKeySetAndNeverFetchesIt() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).jwkURL(attackerUrl("/jwks.json")).build();

        assertImsError(exchange(ims, credential, signed(header, ATTACKER)), 400, "invalid_token", ImsError.NO_BINDING,
                SIGNATURE_FAILS, credential.clientId());
        assertNobodyFetchedTheAttackersKeys();
    }

    @Test
    void rejectsAnX5uHeaderNamingTheAttackersCertificateAndNeverFetchesIt() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).x509CertURL(attackerUrl("/attacker.pem")).build();

        assertImsError(exchange(ims, credential, signed(header, ATTACKER)), 400, "invalid_token", ImsError.NO_BINDING,
                SIGNATURE_FAILS);
        assertNobodyFetchedTheAttackersKeys();
    }

    @Test
    void rejectsAJwtCarryingTheAttackersPublicKeyAsAnEmbeddedJwk() {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .jwk(new RSAKey.Builder((RSAPublicKey) ATTACKER.getPublic()).build()).build();

        assertImsError(exchange(ims, credential, signed(header, ATTACKER)), 400, "invalid_token", ImsError.NO_BINDING,
                SIGNATURE_FAILS);
    }

    @Test
    void rejectsAJwtCarryingTheRegisteredPublicKeyAsAnEmbeddedJwkButSignedByTheAttacker() {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .jwk(new RSAKey.Builder((RSAPublicKey) TestKeys.KEYS.getPublic()).build()).build();

        assertImsError(exchange(ims, credential, signed(header, ATTACKER)), 400, "invalid_token", ImsError.NO_BINDING,
                SIGNATURE_FAILS);
    }

    @Test
    void rejectsAJwtCarryingTheAttackersSelfSignedCertificateAsX5c() throws CertificateEncodingException {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .x509CertChain(List.of(Base64.encode(TestKeys.certificate(ATTACKER).getEncoded()))).build();

        assertImsError(exchange(ims, credential, signed(header, ATTACKER)), 400, "invalid_token", ImsError.NO_BINDING,
                SIGNATURE_FAILS);
    }

    @Test
    void rejectsAJwtSignedByTheAttackerWhoseKidPointsNowhere() {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("../../keys/attacker#0").build();

        assertImsError(exchange(ims, credential, signed(header, ATTACKER)), 400, "invalid_token", ImsError.NO_BINDING,
                SIGNATURE_FAILS);
    }

    @Test
    void stillAcceptsALegitJwtCarryingHarmlessKidTypJkuX5uX5cAndCustomHeaders() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(JOSEObjectType.JWT)
                .keyID("no-such-key")
                .jwkURL(attackerUrl("/jwks.json"))
                .x509CertURL(attackerUrl("/cert.pem"))
                .x509CertChain(List.of(Base64.encode(credential.certificates().get(0).getEncoded())))
                .customParam("x-client", "aio-lib-java")
                .build();

        assertIssued(exchange(ims, credential, signed(header, TestKeys.KEYS)));
        assertNobodyFetchedTheAttackersKeys();
    }

    // --- crit -----------------------------------------------------------------------------------------

    /**
     * RFC 7515 4.1.11: a verifier that does not understand a parameter listed in {@code crit} must reject
     * the JWS. The fake does, but its reason must say that the crit header is the cause: the signature
     * itself is fine (made with the registered key), and "the signature does not verify" sends the user
     * hunting for a key problem that does not exist.
     */
    @Test
    void rejectsACritHeaderNamingAnUnknownParameterAndSaysSo() {
        String header = "{\"alg\":\"RS256\",\"crit\":[\"urn:attack:skip-checks\"],\"urn:attack:skip-checks\":true}";

        HttpResponse<String> response = exchange(ims, credential, signRs256(header, json(claims(ims, credential)),
                TestKeys.KEYS.getPrivate()));

        assertImsError(response, 400, "invalid_token", ImsError.NO_BINDING, "crit");
    }

    // --- the algorithm --------------------------------------------------------------------------------

    @Test
    void rejectsAnRs256HeaderCarryingAPs256SignatureOfTheRegisteredKey() throws JOSEException {
        String signingInput = b64(RS256_HEADER) + "." + b64(json(claims(ims, credential)));
        byte[] pss = new RSASSASigner(TestKeys.KEYS.getPrivate())
                .sign(new JWSHeader(JWSAlgorithm.PS256), signingInput.getBytes(StandardCharsets.US_ASCII)).decode();

        assertImsError(exchange(ims, credential, signingInput + "." + b64(pss)), 400, "invalid_token", ImsError.NO_BINDING,
                SIGNATURE_FAILS);
    }

    @Test
    void rejectsAPs256JwtOfTheRegisteredKeyWhoseHeaderWasRewrittenToRs256() {
        String ps256 = signed(new JWSHeader(JWSAlgorithm.PS256), TestKeys.KEYS);
        String rewritten = b64(RS256_HEADER) + ps256.substring(ps256.indexOf('.'));

        assertImsError(exchange(ims, credential, rewritten), 400, "invalid_token", ImsError.NO_BINDING, SIGNATURE_FAILS);
    }

    @Test
    void rejectsAnRs256HeaderCarryingAnEs256Signature() throws JOSEException {
        String signingInput = b64(RS256_HEADER) + "." + b64(json(claims(ims, credential)));
        byte[] es256 = new ECDSASigner((ECPrivateKey) ecKeys.getPrivate(), Curve.P_256)
                .sign(new JWSHeader(JWSAlgorithm.ES256), signingInput.getBytes(StandardCharsets.US_ASCII)).decode();

        assertImsError(exchange(ims, credential, signingInput + "." + b64(es256)), 400, "invalid_token", ImsError.NO_BINDING,
                SIGNATURE_FAILS);
    }

    static Stream<Arguments> foreignAlgorithms() throws Exception {
        String publicKeyPem = "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(TestKeys.KEYS.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        return Stream.of(
                Arguments.of("HS512 keyed with the registered public key's PEM", JWSAlgorithm.HS512,
                        new MACSigner(publicKeyPem.getBytes(StandardCharsets.US_ASCII)), "alg HS512"),
                Arguments.of("PS256 by the registered key", JWSAlgorithm.PS256, new RSASSASigner(TestKeys.KEYS.getPrivate()),
                        "alg PS256"),
                Arguments.of("RS384 by the registered key", JWSAlgorithm.RS384, new RSASSASigner(TestKeys.KEYS.getPrivate()),
                        "alg RS384"),
                Arguments.of("RS512 by the registered key", JWSAlgorithm.RS512, new RSASSASigner(TestKeys.KEYS.getPrivate()),
                        "alg RS512"),
                Arguments.of("ES256 by an EC key", JWSAlgorithm.ES256, new ECDSASigner((ECPrivateKey) ecKeys.getPrivate(),
                        Curve.P_256), "alg ES256"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("foreignAlgorithms")
    void rejectsAJwtSignedWithAnAlgorithmOtherThanRs256(String description, JWSAlgorithm alg, JWSSigner signer, String reason)
            throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(alg), JWTClaimsSet.parse(claims(ims, credential)));
        jwt.sign(signer);

        assertImsError(exchange(ims, credential, jwt.serialize()), 400, "invalid_token", ImsError.NO_BINDING, reason,
                "IMS accepts RS256 only");
    }

    /** A correct RS256 signature by the registered key under an alg name that is not exactly {@code RS256}. */
    @ParameterizedTest(name = "alg \"{0}\"")
    @ValueSource(strings = {"RS256 ", " RS256", "rs256", "Rs256", "RS256\u0000", "RSA256",
            "dir"})
    void rejectsAnAlgNameThatOnlyResemblesRs256(String alg) {
        String header = "{\"alg\":" + JSONStringUtils.toJSONString(alg) + "}";

        HttpResponse<String> response = exchange(ims, credential, signRs256(header, json(claims(ims, credential)),
                TestKeys.KEYS.getPrivate()));

        assertImsError(response, 400, "invalid_token", ImsError.NO_BINDING, "IMS accepts RS256 only");
        assertThat(AttackKit.reason(response)).contains("alg " + alg.replace('\u0000', '?') + ";");
    }

    /** Documented behaviour: nimbus's JSON (Gson) refuses duplicate member names, so the header is not decodable. */
    @Test
    void rejectsAHeaderNamingAlgTwiceAsNotDecodable() {
        String header = "{\"alg\":\"none\",\"alg\":\"RS256\"}";

        assertImsError(exchange(ims, credential, signRs256(header, json(claims(ims, credential)), TestKeys.KEYS.getPrivate())),
                400, "invalid_token", ImsError.FORMAT, "not a compact JWT", "header");
    }

    /** Documented behaviour: an unsecured header with a signature part is not a decodable JWT (checked before alg). */
    @Test
    void rejectsAlgNoneThatStillCarriesASignatureAsNotDecodable() {
        String token = signRs256("{\"alg\":\"none\"}", json(claims(ims, credential)), TestKeys.KEYS.getPrivate());

        assertImsError(exchange(ims, credential, token), 400, "invalid_token", ImsError.FORMAT, "not a compact JWT",
                "unsecured");
    }

    @Test
    void rejectsAHeaderWhoseAlgIsNotAStringAsNotDecodable() {
        String token = signRs256("{\"alg\":256}", json(claims(ims, credential)), TestKeys.KEYS.getPrivate());

        assertImsError(exchange(ims, credential, token), 400, "invalid_token", ImsError.FORMAT, "not a compact JWT", "alg");
    }

    @Test
    void rejectsAHeaderWithoutAlgAsNotDecodable() {
        String token = signRs256("{\"typ\":\"JWT\"}", json(claims(ims, credential)), TestKeys.KEYS.getPrivate());

        assertImsError(exchange(ims, credential, token), 400, "invalid_token", ImsError.FORMAT, "not a compact JWT", "alg");
    }

    @Test
    void rejectsAFiveSegmentJweAsNotDecodable() {
        String token = b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A128GCM\"}") + ".AAAA.AAAA.AAAA.AAAA";

        assertImsError(exchange(ims, credential, token), 400, "invalid_token", ImsError.FORMAT, "encrypted JWT (JWE)");
    }

    // --- helpers --------------------------------------------------------------------------------------

    private static String signed(JWSHeader header, KeyPair keys) {
        try {
            SignedJWT jwt = new SignedJWT(header, JWTClaimsSet.parse(claims(ims, credential)));
            jwt.sign(new RSASSASigner(keys.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URI attackerUrl(String path) {
        return URI.create("http://127.0.0.1:" + attackerKeyServer.getLocalPort() + path);
    }

    private static void assertNobodyFetchedTheAttackersKeys() throws Exception {
        assertThatThrownBy(() -> attackerKeyServer.accept().close())
                .as("the fake must never fetch a jku/x5u URL a JWT names")
                .isInstanceOf(SocketTimeoutException.class);
    }
}
