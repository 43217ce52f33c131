package io.github.fakeims.server.internal.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.ServiceAccountJwt;
import io.github.fakeims.server.TestCredentials;
import io.github.fakeims.server.TestKeys;
import io.github.fakeims.server.internal.core.ImsError;
import io.github.fakeims.server.internal.core.ImsRejection;
import java.net.URI;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Service Account JWT rules of the protocol (section 2), checked on the verifier alone, with a fixed clock. */
class ServiceAccountJwtVerifierTest {

    /** The fake's time: fixed, and within the validity of the certificates {@link TestKeys#certificate} makes. */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final URI BASE = URI.create("http://127.0.0.1:8080");
    private static final URI LOCALHOST_BASE = URI.create("http://localhost:8080");
    private static final Set<String> ACCEPTED_BASES = Set.of(BASE.toString(), LOCALHOST_BASE.toString());
    private static final String METASCOPE_KEY = BASE + "/s/" + TestCredentials.METASCOPE;

    /** A new verifier per test (JUnit makes one instance per test), so no jti is shared between tests. */
    private final ServiceAccountJwtVerifier verifier = new ServiceAccountJwtVerifier(Clock.fixed(NOW, ZoneOffset.UTC));
    private final Credential credential = TestCredentials.credential();

    // --- accepted JWTs ---

    @Test
    void acceptsAJwtBuiltTheWayAioLibJavaBuildsIt() throws Exception {
        ServiceAccountAssertion assertion = verify(jwt(credential).serialize());

        assertThat(assertion.credential()).isSameAs(credential);
        assertThat(assertion.metascopes()).containsExactly(TestCredentials.METASCOPE);
        assertThat(assertion.claims().getSubject()).isEqualTo(credential.technicalAccountId());
    }

    @Test
    void grantsEveryMetascopeTheJwtNamesWhenTheCredentialHasThemAll() throws Exception {
        String token = jwt(credential).claims(b -> b.claim(BASE + "/s/ent_user_sdk", true)).serialize();

        assertThat(verify(token).metascopes()).containsExactlyInAnyOrder(TestCredentials.METASCOPE, "ent_user_sdk");
    }

    @Test
    void acceptsAJwtWithoutIat() throws Exception {
        assertThat(verify(jwt(credential).claims(b -> b.claim("iat", null)).serialize()).claims().getIssueTime()).isNull();
    }

    @Test
    void acceptsAHeaderWithTypJwt() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build();

        verify(jwt(credential).header(header).serialize());
    }

    @Test
    void ignoresAnUnknownKidInTheHeader() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("no-such-key-id").build();

        verify(jwt(credential).header(header).serialize());
    }

    @Test
    void acceptsAnAudienceUsingAnotherAcceptedBaseUrl() throws Exception {
        verify(ServiceAccountJwt.forCredential(credential, LOCALHOST_BASE).claims(ServiceAccountJwtVerifierTest::atNow).serialize());
    }

    @Test
    void acceptsAProductionAudienceOnlyWhenProductionIsAmongTheAcceptedBases() throws Exception {
        String token = ServiceAccountJwt.forCredential(credential, FakeImsConfig.PRODUCTION_IMS).claims(ServiceAccountJwtVerifierTest::atNow).serialize();

        assertThat(verifier.verify(verifier.parse(token), credential, credential.clientId(),
                Set.of(BASE.toString(), FakeImsConfig.PRODUCTION_IMS.toString())).metascopes())
                .containsExactly(TestCredentials.METASCOPE);
        assertRejected(() -> verify(token), 400, "invalid_client", ImsError.BAD_CLIENT_ID,
                "aud was " + FakeImsConfig.PRODUCTION_IMS + "/c/" + credential.clientId());
    }

    // --- parse: not a decodable JWT with an integer exp ---

    @Test
    void rejectsATokenThatIsNotAJwt() {
        assertRejected(() -> verifier.parse("this is not a jwt"), 400, "invalid_token", ImsError.FORMAT,
                "not a compact JWT");
    }

    @Test
    void rejectsAJwtWithOnlyTwoParts() {
        String token = jwt(credential).serialize();
        String twoParts = token.substring(0, token.lastIndexOf('.'));

        assertRejected(() -> verifier.parse(twoParts), 400, "invalid_token", ImsError.FORMAT, "not a compact JWT");
    }

    @Test
    void rejectsExpGivenAsAString() {
        String token = jwt(credential).claims(b -> b.claim("exp", Long.toString(NOW.getEpochSecond() + 180))).serialize();

        assertRejected(() -> verifier.parse(token), 400, "invalid_token", ImsError.FORMAT, "exp");
    }

    @Test
    void rejectsExpGivenAsAFraction() {
        String token = jwt(credential).claims(b -> b.claim("exp", NOW.getEpochSecond() + 180.5)).serialize();

        assertRejected(() -> verifier.parse(token), 400, "invalid_token", ImsError.FORMAT, "the exp claim is", "fraction");
    }

    @Test
    void rejectsAJwtWithoutExp() {
        String token = jwt(credential).claims(b -> b.claim("exp", null)).serialize();

        assertRejected(() -> verifier.parse(token), 400, "invalid_token", ImsError.FORMAT, "the exp claim is missing");
    }

    // --- exp: 30 s of skew ---

    @Test
    void acceptsAJwtThatExpiredExactlyThirtySecondsAgo() throws Exception {
        verify(jwt(credential).claims(b -> b.claim("exp", NOW.getEpochSecond() - 30)).serialize());
    }

    @Test
    void rejectsAJwtThatExpiredThirtyOneSecondsAgo() {
        long exp = NOW.getEpochSecond() - 31;
        String token = jwt(credential).claims(b -> b.claim("exp", exp)).serialize();

        assertRejected(() -> verify(token), 400, "invalid_token", ImsError.EXPIRED, "exp was " + Instant.ofEpochSecond(exp), "31 s");
    }

    // --- signature and binding ---

    @Test
    void rejectsAnUnsignedJwtWithAlgNone() throws Exception {
        String token = new PlainJWT(claimsOf(jwt(credential))).serialize();

        assertRejected(() -> verify(token), 400, "invalid_token", ImsError.NO_BINDING, "alg none");
    }

    @Test
    void rejectsAnHs256JwtKeyedWithTheRegisteredCertificate() throws Exception {
        String token = hs256KeyedWith(credential.certificates().get(0), claimsOf(jwt(credential)));

        assertRejected(() -> verify(token), 400, "invalid_token", ImsError.NO_BINDING, "alg HS256");
    }

    @Test
    void rejectsAnRs256JwtWhoseSignatureWasStrippedAsIncorrectlyFormatted() {
        String token = jwt(credential).serialize();
        String unsigned = token.substring(0, token.lastIndexOf('.') + 1);

        // IMS answers a null signature part as a format error (ServiceNow KB1001921; docs/parity.md A4).
        assertRejected(() -> verify(unsigned), 400, "invalid_token", ImsError.FORMAT, "has no signature");
    }

    @Test
    void rejectsAJwtSignedByAKeyRegisteredOnlyOnAnotherCredential() {
        Credential other = TestCredentials.credential(TestKeys.OTHER_KEYS).build();
        String token = jwt(credential).signedWith(TestKeys.OTHER_KEYS.getPrivate()).serialize();

        assertThat(other.certificates().get(0).getPublicKey()).isEqualTo(TestKeys.OTHER_KEYS.getPublic());
        assertRejected(() -> verify(token), 400, "invalid_token", ImsError.NO_BINDING,
                "the signature does not verify", credential.clientId());
    }

    @Test
    void rejectsAJwtWhenTheOnlyRegisteredCertificateHasExpired() {
        Credential expired = TestCredentials.onlyCertificate(TestKeys.certificate(TestKeys.KEYS, NOW.minus(Duration.ofDays(400)), NOW.minusSeconds(1)));
        String token = jwt(expired).serialize();

        assertRejected(() -> verify(token, expired), 400, "invalid_token", ImsError.NO_BINDING,
                "none of the 1 certificate(s) registered on client_id " + expired.clientId() + " is a valid RSA certificate");
    }

    @Test
    void rejectsAJwtWhenTheOnlyRegisteredCertificateIsNotYetValid() {
        Credential future = TestCredentials.onlyCertificate(TestKeys.certificate(TestKeys.KEYS, NOW.plusSeconds(1), NOW.plus(Duration.ofDays(400))));
        String token = jwt(future).serialize();

        assertRejected(() -> verify(token, future), 400, "invalid_token", ImsError.NO_BINDING,
                "none of the 1 certificate(s) registered on client_id " + future.clientId() + " is a valid RSA certificate");
    }

    @Test
    void acceptsJwtsSignedByEitherKeyOfACredentialWithTwoCertificates() throws Exception {
        Credential rotating = TestCredentials.credential(TestKeys.KEYS).certificate(TestKeys.certificate(TestKeys.OTHER_KEYS)).build();

        verify(jwt(rotating).signedWith(TestKeys.KEYS.getPrivate()).serialize(), rotating);
        verify(jwt(rotating).signedWith(TestKeys.OTHER_KEYS.getPrivate()).serialize(), rotating);
    }

    @Test
    void rejectsAnIssuerThatIsNotTheCredentialsOrganization() {
        String token = jwt(credential).claims(b -> b.issuer("OTHERORG@AdobeOrg")).serialize();

        assertRejected(() -> verify(token), 400, "invalid_token", ImsError.NO_BINDING,
                "iss was OTHERORG@AdobeOrg, expected the organization " + credential.orgId());
    }

    @Test
    void rejectsASubjectThatIsNotTheCredentialsTechnicalAccount() {
        String token = jwt(credential).claims(b -> b.subject("OTHER@techacct.adobe.com")).serialize();

        assertRejected(() -> verify(token), 400, "invalid_token", ImsError.NO_BINDING,
                "sub was OTHER@techacct.adobe.com, expected the technical account " + credential.technicalAccountId());
    }

    // --- aud ---

    @Test
    void rejectsAnAudienceNamingAnotherClientId() {
        String token = jwt(credential).claims(b -> b.audience(BASE + "/c/another-client")).serialize();

        assertRejected(() -> verify(token), 400, "invalid_client", ImsError.BAD_CLIENT_ID,
                "aud was " + BASE + "/c/another-client, expected " + BASE + "/c/" + credential.clientId());
    }

    @Test
    void rejectsAnAudienceWithTwoValues() {
        String token = jwt(credential)
                .claims(b -> b.audience(List.of(BASE + "/c/" + credential.clientId(), BASE + "/c/another-client")))
                .serialize();

        assertRejected(() -> verify(token), 400, "invalid_client", ImsError.BAD_CLIENT_ID, "the aud claim has 2 values");
    }

    @Test
    void rejectsAJwtWithoutAudience() {
        String token = jwt(credential).claims(b -> b.audience((String) null)).serialize();

        assertRejected(() -> verify(token), 400, "invalid_client", ImsError.BAD_CLIENT_ID, "the aud claim is missing");
    }

    // --- metascopes ---

    @Test
    void rejectsAJwtWithoutAMetascopeClaim() {
        String token = jwt(credential).claims(b -> b.claim(METASCOPE_KEY, null)).serialize();

        assertRejected(() -> verify(token), 400, "invalid_scope", ImsError.METASCOPES, "the JWT has no metascope claim");
    }

    @Test
    void rejectsAMetascopeTheCredentialWasNotGranted() {
        String token = jwt(credential).claims(b -> b.claim(BASE + "/s/ent_campaign_sdk", true)).serialize();

        assertRejected(() -> verify(token), 400, "invalid_scope", ImsError.METASCOPES,
                "metascope(s) [ent_campaign_sdk] are not granted to client_id " + credential.clientId());
    }

    @Test
    void rejectsAMetascopeClaimWhoseValueIsFalse() {
        String token = jwt(credential).claims(b -> b.claim(METASCOPE_KEY, false)).serialize();

        assertRejected(() -> verify(token), 400, "invalid_scope", ImsError.METASCOPES,
                "metascope claim " + METASCOPE_KEY + " is false");
    }

    @Test
    void rejectsAMetascopeClaimWhoseValueIsTheStringTrue() {
        String token = jwt(credential).claims(b -> b.claim(METASCOPE_KEY, "true")).serialize();

        assertRejected(() -> verify(token), 400, "invalid_scope", ImsError.METASCOPES,
                "metascope claim " + METASCOPE_KEY + " is the string \"true\"");
    }

    @Test
    void rejectsAMetascopeKeyUnderAnotherBaseUrlThanTheAudience() {
        String otherKey = LOCALHOST_BASE + "/s/" + TestCredentials.METASCOPE;
        String token = jwt(credential).claims(b -> b.claim(METASCOPE_KEY, null).claim(otherKey, true)).serialize();

        assertRejected(() -> verify(token), 400, "invalid_scope", ImsError.METASCOPES,
                "metascope claim " + otherKey + " names " + LOCALHOST_BASE + ", but aud names " + BASE);
    }

    // --- jti ---

    @Test
    void rejectsAJwtWithoutJtiWhenTheCredentialRequiresOne() {
        Credential strict = credential.toBuilder().jtiRequired(true).build();
        String token = jwt(strict).serialize();

        assertRejected(() -> verify(token, strict), 400, "invalid_jti", ImsError.JTI,
                "client_id " + strict.clientId() + " requires a jti claim");
    }

    @Test
    void rejectsAJtiUsedTwiceWhenTheCredentialRequiresFreshOnes() throws Exception {
        Credential strict = credential.toBuilder().jtiRequired(true).build();
        String token = jwt(strict).claims(b -> b.jwtID("jti-once")).serialize();

        verify(token, strict);
        assertRejected(() -> verify(token, strict), 400, "invalid_jti", ImsError.JTI,
                "jti jti-once was already used by client_id " + strict.clientId());
    }

    @Test
    void acceptsDistinctJtisWhenTheCredentialRequiresFreshOnes() throws Exception {
        Credential strict = credential.toBuilder().jtiRequired(true).build();

        verify(jwt(strict).claims(b -> b.jwtID("jti-1")).serialize(), strict);
        verify(jwt(strict).claims(b -> b.jwtID("jti-2")).serialize(), strict);
    }

    @Test
    void acceptsAJwtWithoutJtiWhenTheCredentialDoesNotRequireOne() throws Exception {
        String token = jwt(credential).serialize();

        verify(token);
        verify(token);
    }

    // --- helpers ---

    /** What a rejection check runs. */
    @FunctionalInterface
    private interface Rejectable {
        void run() throws Exception;
    }

    private static void assertRejected(Rejectable action, int status, String error, String description, String... reasonParts) {
        ImsError rejection;
        try {
            action.run();
            throw new AssertionError("expected an ImsRejection " + error + " (" + description + "), but the JWT was accepted");
        } catch (ImsRejection e) {
            rejection = e.error();
        } catch (Exception e) {
            throw new AssertionError("expected an ImsRejection, got " + e, e);
        }
        assertThat(rejection.status()).as("status; reason: %s", rejection.reason()).isEqualTo(status);
        assertThat(rejection.error()).as("error; reason: %s", rejection.reason()).isEqualTo(error);
        assertThat(rejection.description()).as("error_description; reason: %s", rejection.reason()).isEqualTo(description);
        assertThat(rejection.reason()).contains(reasonParts);
    }

    /** A JWT as aio-lib-java builds it, timed by the fixed clock: iat now, exp in 180 s. */
    private static ServiceAccountJwt jwt(Credential credential) {
        return ServiceAccountJwt.forCredential(credential, BASE).claims(ServiceAccountJwtVerifierTest::atNow);
    }

    private static JWTClaimsSet.Builder atNow(JWTClaimsSet.Builder claims) {
        return claims.claim("iat", NOW.getEpochSecond()).claim("exp", NOW.getEpochSecond() + 180);
    }

    private ServiceAccountAssertion verify(String token) throws ImsRejection {
        return verify(token, credential);
    }

    private ServiceAccountAssertion verify(String token, Credential credential) throws ImsRejection {
        return verifier.verify(verifier.parse(token), credential, credential.clientId(), ACCEPTED_BASES);
    }

    private static JWTClaimsSet claimsOf(ServiceAccountJwt jwt) throws ParseException {
        return SignedJWT.parse(jwt.serialize()).getJWTClaimsSet();
    }

    private static String hs256KeyedWith(X509Certificate certificate, JWTClaimsSet claims)
            throws CertificateEncodingException, JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(certificate.getEncoded()));
        return jwt.serialize();
    }

    @Test
    void listsEveryProblemOfAJwtNotJustTheFirst() {
        String token = jwt(credential).claims(claims -> claims.issuer("SOMEONE@AdobeOrg").subject("SOMEONE@techacct.adobe.com")
                .claim("exp", NOW.minusSeconds(3600).getEpochSecond())).serialize();

        assertThat(verifier.problems(token, credential, ACCEPTED_BASES))
                .extracting(ImsError::description)
                .containsExactly(ImsError.NO_BINDING, ImsError.NO_BINDING, ImsError.EXPIRED);
    }

    @Test
    void listsNoProblemForAValidJwtAndOneForAnUndecodableToken() {
        assertThat(verifier.problems(jwt(credential).serialize(), credential, ACCEPTED_BASES)).isEmpty();
        assertThat(verifier.problems("not-a-jwt", credential, ACCEPTED_BASES)).extracting(ImsError::description)
                .containsExactly(ImsError.FORMAT);
    }
}
