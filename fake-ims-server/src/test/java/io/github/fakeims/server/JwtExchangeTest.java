package io.github.fakeims.server;

import static io.github.fakeims.server.ImsErrorAssertions.JSON;
import static io.github.fakeims.server.ImsErrorAssertions.REASON;
import static io.github.fakeims.server.ImsErrorAssertions.assertImsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.github.fakeims.server.internal.core.ImsError;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /ims/exchange/jwt} over real HTTP: the contract of sections 1 and 2 of the protocol. */
class JwtExchangeTest {

    /** The fake's time: fixed, and within the validity of the certificates {@link TestKeys#certificate} makes. */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** Shared by the tests that need no special configuration; each test registers its own credential. */
    @AutoClose
    private static FakeImsServer ims;

    @BeforeAll
    static void start() {
        ims = FakeImsServer.start(FakeImsConfig.builder().clock(CLOCK).build());
    }

    // --- success ---

    @Test
    void exchangesAValidJwtForABearerTokenWhoseExpiresInIsInMilliseconds() {
        Credential credential = registered(TestCredentials.credential());

        HttpResponse<String> response = exchange(credential, jwt(credential).serialize());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(JSON);
        assertThat(response.headers().firstValue("x-debug-id")).hasValueSatisfying(id -> assertThat(id).isNotBlank());
        Map<String, Object> body = ImsHttp.json(response);
        assertThat(body).containsOnlyKeys("token_type", "access_token", "expires_in")
                .containsEntry("token_type", "bearer")
                .hasEntrySatisfying("expires_in", ExpiresIn::assertRemainingMillis);
        assertThat(body.get("access_token")).isInstanceOf(String.class);
    }

    @Test
    void issuesAnImsShapedAccessTokenSignedWithTheKeyPublishedAtImsKeys() throws Exception {
        Credential credential = registered(TestCredentials.credential());
        String token = jwt(credential).claims(b -> b.claim(ims.baseUrl() + "/s/ent_user_sdk", true)).serialize();

        SignedJWT accessToken = SignedJWT.parse((String) ImsHttp.json(exchange(credential, token)).get("access_token"));

        JWSHeader header = accessToken.getHeader();
        assertThat(header.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(header.getKeyID()).isNotBlank();
        assertThat(header.getX509CertURL()).hasToString(header.getKeyID() + ".cer");
        assertThat(header.getCustomParam("itt")).isEqualTo("at");
        JWKSet published = JWKSet.parse(ImsHttp.get(ims.baseUrl().resolve("/ims/keys"), null).body());
        assertThat(accessToken.verify(new RSASSAVerifier(published.getKeyByKeyId(header.getKeyID()).toRSAKey()))).isTrue();

        Map<String, Object> claims = accessToken.getPayload().toJSONObject();
        String createdAt = Long.toString(NOW.toEpochMilli());
        // The claims of real JWT-era technical-account tokens (ims-evidence.md §F): fg and moi, no org, OAuth scopes.
        assertThat(claims).containsOnlyKeys("id", "type", "client_id", "user_id", "as", "aa_id", "ctp", "fg", "moi", "scope",
                        "created_at", "expires_in")
                .contains(entry("type", "access_token"), entry("client_id", credential.clientId()),
                        entry("user_id", credential.technicalAccountId()), entry("as", "ims-na1"),
                        entry("aa_id", credential.technicalAccountId()), entry("ctp", 0L),
                        entry("created_at", createdAt), entry("expires_in", "86400000"))
                .doesNotContainKeys("exp", "iat", "iss", "aud", "org");
        assertThat((String) claims.get("id")).matches(createdAt + "_[0-9a-f-]{36}_ue1");
        assertThat((String) claims.get("scope")).isEqualTo("openid,AdobeID,read_organizations");
    }

    @Test
    void givesEachResponseItsOwnDebugId() {
        Credential credential = registered(TestCredentials.credential());

        HttpResponse<String> accepted = exchange(credential, jwt(credential).serialize());
        HttpResponse<String> rejected = exchange(credential, "not-a-jwt");

        assertThat(accepted.headers().firstValue("x-debug-id")).isPresent();
        assertThat(rejected.headers().firstValue("x-debug-id")).isPresent()
                .isNotEqualTo(accepted.headers().firstValue("x-debug-id"));
    }

    // --- missing parameters ---

    @Test
    void rejectsARequestWithoutClientId() {
        assertMissing("client_id");
    }

    @Test
    void rejectsARequestWithoutClientSecret() {
        assertMissing("client_secret");
    }

    @Test
    void rejectsARequestWithoutJwtTokenAsInvalidTokenAsDocumented() {
        assertMissing("jwt_token", "invalid_token");
    }

    // --- request variants real clients send ---

    @Test
    void acceptsThePathWithATrailingSlash() {
        Credential credential = registered(TestCredentials.credential());

        assertIssued(ImsHttp.postForm(ims.baseUrl().resolve("/ims/exchange/jwt/"), params(credential, jwt(credential).serialize())));
    }

    @Test
    void acceptsTheV1Path() {
        Credential credential = registered(TestCredentials.credential());

        assertIssued(ImsHttp.postForm(ims.baseUrl().resolve("/ims/exchange/v1/jwt"), params(credential, jwt(credential).serialize())));
    }

    @Test
    void acceptsAMultipartFormDataBody() {
        Credential credential = registered(TestCredentials.credential());
        String boundary = "----fake-ims-boundary-7MA4YWxkTrZu0gW";
        StringBuilder body = new StringBuilder();
        params(credential, jwt(credential).serialize()).forEach((name, value) -> body.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        body.append("--").append(boundary).append("--\r\n");

        assertIssued(ImsHttp.post(exchangeUrl(), "multipart/form-data; boundary=" + boundary, body.toString()));
    }

    @Test
    void mergesAClientIdInTheQueryStringWithTheRestOfTheParametersInTheBody() {
        Credential credential = registered(TestCredentials.credential());
        URI url = URI.create(exchangeUrl() + "?client_id=" + ImsHttp.encode(credential.clientId()));
        String body = "client_secret=" + ImsHttp.encode(credential.clientSecret())
                + "&jwt_token=" + jwt(credential).serialize();

        assertIssued(ImsHttp.post(url, "application/x-www-form-urlencoded", body));
    }

    @Test
    void acceptsABodyThatWasNotUrlEncodedAndASecretWithPlusSlashAndEquals() {
        Credential credential = registered(TestCredentials.credential(TestKeys.KEYS).clientSecret("p8e-a+b/c=d").build());
        String body = "client_id=" + credential.clientId() + "&client_secret=p8e-a+b/c=d&jwt_token=" + jwt(credential).serialize();

        assertIssued(ImsHttp.post(exchangeUrl(), "application/x-www-form-urlencoded", body));
    }

    @Test
    void acceptsAFormContentTypeWithACharset() {
        Credential credential = registered(TestCredentials.credential());

        assertIssued(ImsHttp.post(exchangeUrl(), "application/x-www-form-urlencoded; charset=UTF-8",
                formBody(params(credential, jwt(credential).serialize()))));
    }

    // --- JWT not decodable ---

    @Test
    void rejectsAJwtTokenThatIsNotAJwt() {
        Credential credential = registered(TestCredentials.credential());

        assertImsError(exchange(credential, "this-is-not-a-jwt"), 400, "invalid_token", ImsError.FORMAT, "not a compact JWT");
    }

    @Test
    void rejectsAJwtWithOnlyTwoParts() {
        Credential credential = registered(TestCredentials.credential());
        String token = jwt(credential).serialize();

        assertImsError(exchange(credential, token.substring(0, token.lastIndexOf('.'))), 400, "invalid_token", ImsError.FORMAT,
                "not a compact JWT");
    }

    @Test
    void rejectsExpGivenAsAString() {
        Credential credential = registered(TestCredentials.credential());
        String token = jwt(credential).claims(b -> b.claim("exp", Long.toString(NOW.getEpochSecond() + 180))).serialize();

        assertImsError(exchange(credential, token), 400, "invalid_token", ImsError.FORMAT, "exp");
    }

    @Test
    void rejectsExpGivenAsAFraction() {
        Credential credential = registered(TestCredentials.credential());
        String token = jwt(credential).claims(b -> b.claim("exp", NOW.getEpochSecond() + 180.5)).serialize();

        assertImsError(exchange(credential, token), 400, "invalid_token", ImsError.FORMAT, "the exp claim is", "fraction");
    }

    @Test
    void rejectsAJwtWithoutExp() {
        Credential credential = registered(TestCredentials.credential());
        String token = jwt(credential).claims(b -> b.claim("exp", null)).serialize();

        assertImsError(exchange(credential, token), 400, "invalid_token", ImsError.FORMAT, "the exp claim is missing");
    }

    // --- client_id and aud ---

    @Test
    void rejectsAnUnknownClientId() {
        Credential unknown = TestCredentials.credential();

        assertImsError(exchange(unknown, jwt(unknown).serialize()), 400, "invalid_client", ImsError.BAD_CLIENT_ID,
                "no credential has client_id " + unknown.clientId());
    }

    @Test
    void rejectsAnAudienceNamingAnotherClientId() {
        Credential credential = registered(TestCredentials.credential());
        String aud = ims.baseUrl() + "/c/another-client";

        assertImsError(exchange(credential, jwt(credential).claims(b -> b.audience(aud)).serialize()), 400, "invalid_client",
                ImsError.BAD_CLIENT_ID, "aud was " + aud + ", expected " + ims.baseUrl() + "/c/" + credential.clientId());
    }

    @Test
    void rejectsAProductionAudienceUnlessProductionIsAccepted() {
        Credential credential = registered(TestCredentials.credential());
        String token = jwt(credential, FakeImsConfig.PRODUCTION_IMS, NOW).serialize();

        assertImsError(exchange(credential, token), 400, "invalid_client", ImsError.BAD_CLIENT_ID,
                "aud was " + FakeImsConfig.PRODUCTION_IMS + "/c/" + credential.clientId());
    }

    @Test
    void acceptsAProductionAudienceWhenConfiguredTo() {
        Credential credential = TestCredentials.credential();
        FakeImsConfig config = FakeImsConfig.builder().clock(CLOCK).acceptProductionAudience(true).credential(credential).build();
        try (FakeImsServer production = FakeImsServer.start(config)) {
            String token = jwt(credential, FakeImsConfig.PRODUCTION_IMS, NOW).serialize();

            assertIssued(exchange(production, credential, token));
        }
    }

    @Test
    void acceptsAnAudienceUsingLocalhostWhenTheClientCalled127001() {
        Credential credential = registered(TestCredentials.credential());
        assertThat(ims.baseUrl().getHost()).isEqualTo("127.0.0.1");

        assertIssued(exchange(credential, jwt(credential, URI.create("http://localhost:" + ims.port()), NOW).serialize()));
    }

    @Test
    void acceptsAnAudienceUsingAConfiguredPublicBaseUrl() {
        Credential credential = TestCredentials.credential();
        URI publicUrl = URI.create("https://ims.fake.example.test:8443");
        FakeImsConfig config = FakeImsConfig.builder().clock(CLOCK).publicBaseUrl(publicUrl).credential(credential).build();
        try (FakeImsServer proxied = FakeImsServer.start(config)) {
            assertIssued(exchange(proxied, credential, jwt(credential, publicUrl, NOW).serialize()));
        }
    }

    @Test
    void rejectsAnAudienceWithTwoValues() {
        Credential credential = registered(TestCredentials.credential());
        String token = jwt(credential).claims(b -> b.audience(List.of(
                ims.baseUrl() + "/c/" + credential.clientId(), ims.baseUrl() + "/c/another-client"))).serialize();

        assertImsError(exchange(credential, token), 400, "invalid_client", ImsError.BAD_CLIENT_ID, "the aud claim has 2 values");
    }

    @Test
    void rejectsAWrongClientSecret() {
        Credential credential = registered(TestCredentials.credential());
        Map<String, String> params = params(credential, jwt(credential).serialize());
        params.put("client_secret", "p8e-wrong-secret");

        assertImsError(ImsHttp.postForm(exchangeUrl(), params), 400, "invalid_client", ImsError.BAD_CLIENT_SECRET,
                "does not match the secret registered for client_id " + credential.clientId());
    }

    // --- exp ---

    @Test
    void acceptsAJwtThatExpiredExactlyThirtySecondsAgo() {
        Credential credential = registered(TestCredentials.credential());

        assertIssued(exchange(credential, jwt(credential).claims(b -> b.claim("exp", NOW.getEpochSecond() - 30)).serialize()));
    }

    @Test
    void rejectsAJwtThatExpiredThirtyOneSecondsAgo() {
        Credential credential = registered(TestCredentials.credential());
        long exp = NOW.getEpochSecond() - 31;

        assertImsError(exchange(credential, jwt(credential).claims(b -> b.claim("exp", exp)).serialize()), 400, "invalid_token",
                ImsError.EXPIRED, "exp was " + Instant.ofEpochSecond(exp) + " (" + exp + "), 31 s before the fake's clock");
    }

    // --- signature and binding ---

    @Test
    void rejectsAnUnsignedJwtWithAlgNone() throws Exception {
        Credential credential = registered(TestCredentials.credential());
        String token = new PlainJWT(claimsOf(jwt(credential))).serialize();

        assertImsError(exchange(credential, token), 400, "invalid_token", ImsError.NO_BINDING, "alg none");
    }

    @Test
    void rejectsAnHs256JwtKeyedWithTheRegisteredCertificatesBytes() throws Exception {
        Credential credential = registered(TestCredentials.credential());
        SignedJWT hs256 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claimsOf(jwt(credential)));
        hs256.sign(new MACSigner(credential.certificates().get(0).getEncoded()));

        assertImsError(exchange(credential, hs256.serialize()), 400, "invalid_token", ImsError.NO_BINDING, "alg HS256");
    }

    @Test
    void rejectsAnRs256JwtWhoseSignatureWasStrippedAsIncorrectlyFormatted() {
        Credential credential = registered(TestCredentials.credential());
        String token = jwt(credential).serialize();

        // IMS answers a null signature part as a format error (ServiceNow KB1001921; docs/parity.md A4).
        assertImsError(exchange(credential, token.substring(0, token.lastIndexOf('.') + 1)), 400, "invalid_token",
                ImsError.FORMAT, "has no signature");
    }

    @Test
    void rejectsAJwtSignedByAKeyRegisteredOnlyOnAnotherCredential() {
        Credential credential = registered(TestCredentials.credential(TestKeys.KEYS).build());
        Credential other = registered(TestCredentials.credential(TestKeys.OTHER_KEYS).build());
        String token = jwt(credential).signedWith(TestKeys.OTHER_KEYS.getPrivate()).serialize();

        assertIssued(exchange(other, jwt(other).signedWith(TestKeys.OTHER_KEYS.getPrivate()).serialize()));
        assertImsError(exchange(credential, token), 400, "invalid_token", ImsError.NO_BINDING,
                "the signature does not verify with the public key of any of the 1 valid certificate(s) registered on client_id "
                        + credential.clientId());
    }

    @Test
    void rejectsAJwtWhenTheOnlyCertificateHasExpiredByTheFakesClock() {
        Credential credential = TestCredentials.credential();
        X509Certificate certificate = credential.certificates().get(0);
        Clock afterExpiry = Clock.offset(CLOCK, Duration.between(NOW, certificate.getNotAfter().toInstant()).plusDays(1));
        FakeImsConfig config = FakeImsConfig.builder().clock(afterExpiry).credential(credential).build();
        try (FakeImsServer later = FakeImsServer.start(config)) {
            String token = jwt(credential, later.baseUrl(), afterExpiry.instant()).serialize();

            assertImsError(exchange(later, credential, token), 400, "invalid_token", ImsError.NO_BINDING,
                    "none of the 1 certificate(s) registered on client_id " + credential.clientId()
                            + " is a valid RSA certificate at " + afterExpiry.instant());
        }
    }

    @Test
    void rejectsAJwtWhenTheOnlyCertificateIsNotYetValid() {
        Credential credential = registered(TestCredentials.onlyCertificate(
                TestKeys.certificate(TestKeys.KEYS, NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)))));

        assertImsError(exchange(credential, jwt(credential).serialize()), 400, "invalid_token", ImsError.NO_BINDING,
                "none of the 1 certificate(s) registered on client_id " + credential.clientId() + " is a valid RSA certificate");
    }

    @Test
    void acceptsJwtsSignedByEitherKeyOfACredentialWithTwoCertificates() {
        Credential credential = registered(TestCredentials.credential(TestKeys.KEYS)
                .certificate(TestKeys.certificate(TestKeys.OTHER_KEYS)).build());

        assertIssued(exchange(credential, jwt(credential).signedWith(TestKeys.KEYS.getPrivate()).serialize()));
        assertIssued(exchange(credential, jwt(credential).signedWith(TestKeys.OTHER_KEYS.getPrivate()).serialize()));
    }

    @Test
    void rejectsAnIssuerThatIsNotTheCredentialsOrganization() {
        Credential credential = registered(TestCredentials.credential());

        assertImsError(exchange(credential, jwt(credential).claims(b -> b.issuer("OTHERORG@AdobeOrg")).serialize()), 400,
                "invalid_token", ImsError.NO_BINDING, "iss was OTHERORG@AdobeOrg, expected the organization " + credential.orgId());
    }

    @Test
    void rejectsASubjectThatIsNotTheCredentialsTechnicalAccount() {
        Credential credential = registered(TestCredentials.credential());

        assertImsError(exchange(credential, jwt(credential).claims(b -> b.subject("OTHER@techacct.adobe.com")).serialize()), 400,
                "invalid_token", ImsError.NO_BINDING,
                "sub was OTHER@techacct.adobe.com, expected the technical account " + credential.technicalAccountId());
    }

    // --- metascopes ---

    @Test
    void rejectsAJwtWithoutAMetascopeClaim() {
        Credential credential = registered(TestCredentials.credential());
        String token = jwt(credential).claims(b -> b.claim(metascopeKey(), null)).serialize();

        assertImsError(exchange(credential, token), 400, "invalid_scope", ImsError.METASCOPES, "the JWT has no metascope claim");
    }

    @Test
    void rejectsAMetascopeTheCredentialWasNotGranted() {
        Credential credential = registered(TestCredentials.credential());
        String token = jwt(credential).claims(b -> b.claim(ims.baseUrl() + "/s/ent_campaign_sdk", true)).serialize();

        assertImsError(exchange(credential, token), 400, "invalid_scope", ImsError.METASCOPES,
                "metascope(s) [ent_campaign_sdk] are not granted to client_id " + credential.clientId());
    }

    @Test
    void rejectsAMetascopeClaimWhoseValueIsFalse() {
        Credential credential = registered(TestCredentials.credential());
        String token = jwt(credential).claims(b -> b.claim(metascopeKey(), false)).serialize();

        assertImsError(exchange(credential, token), 400, "invalid_scope", ImsError.METASCOPES,
                "metascope claim " + metascopeKey() + " is false");
    }

    @Test
    void rejectsAMetascopeClaimWhoseValueIsTheStringTrue() {
        Credential credential = registered(TestCredentials.credential());
        String token = jwt(credential).claims(b -> b.claim(metascopeKey(), "true")).serialize();

        assertImsError(exchange(credential, token), 400, "invalid_scope", ImsError.METASCOPES,
                "metascope claim " + metascopeKey() + " is the string \"true\"");
    }

    @Test
    void rejectsAMetascopeKeyUnderAnotherBaseUrlThanTheAudience() {
        Credential credential = registered(TestCredentials.credential());
        String productionKey = FakeImsConfig.PRODUCTION_IMS + "/s/" + TestCredentials.METASCOPE;
        String token = jwt(credential).claims(b -> b.claim(metascopeKey(), null).claim(productionKey, true)).serialize();

        assertImsError(exchange(credential, token), 400, "invalid_scope", ImsError.METASCOPES,
                "metascope claim " + productionKey + " names " + FakeImsConfig.PRODUCTION_IMS + ", but aud names " + ims.baseUrl());
    }

    // --- jti ---

    @Test
    void rejectsAJwtWithoutJtiWhenTheCredentialRequiresOne() {
        Credential credential = registered(TestCredentials.credential(TestKeys.KEYS).jtiRequired(true).build());

        assertImsError(exchange(credential, jwt(credential).serialize()), 400, "invalid_jti", ImsError.JTI,
                "client_id " + credential.clientId() + " requires a jti claim, and the JWT has none");
    }

    @Test
    void rejectsAJtiOnItsSecondUseWhenTheCredentialRequiresFreshOnes() {
        Credential credential = registered(TestCredentials.credential(TestKeys.KEYS).jtiRequired(true).build());
        String token = jwt(credential).claims(b -> b.jwtID("jti-used-once")).serialize();

        assertIssued(exchange(credential, token));
        assertImsError(exchange(credential, token), 400, "invalid_jti", ImsError.JTI,
                "jti jti-used-once was already used by client_id " + credential.clientId());
    }

    @Test
    void acceptsDistinctJtisWhenTheCredentialRequiresFreshOnes() {
        Credential credential = registered(TestCredentials.credential(TestKeys.KEYS).jtiRequired(true).build());

        assertIssued(exchange(credential, jwt(credential).claims(b -> b.jwtID("jti-1")).serialize()));
        assertIssued(exchange(credential, jwt(credential).claims(b -> b.jwtID("jti-2")).serialize()));
    }

    @Test
    void acceptsAJwtWithoutJtiWhenTheCredentialDoesNotRequireOne() {
        Credential credential = registered(TestCredentials.credential());
        String token = jwt(credential).serialize();

        assertIssued(exchange(credential, token));
        assertIssued(exchange(credential, token));
    }

    // --- grant ---

    @Test
    void rejectsACredentialAllowedOnlyClientCredentialsWith401() {
        Credential credential = registered(TestCredentials.credential(TestKeys.KEYS).grants(Grant.CLIENT_CREDENTIALS).build());

        assertImsError(exchange(credential, jwt(credential).serialize()), 401, "invalid_client", ImsError.GRANT_NOT_ALLOWED,
                "client_id " + credential.clientId() + " may use", "not jwt_exchange");
    }

    // --- tolerated variations ---

    @Test
    void acceptsAJwtWithoutIat() {
        Credential credential = registered(TestCredentials.credential());

        assertIssued(exchange(credential, jwt(credential).claims(b -> b.claim("iat", null)).serialize()));
    }

    @Test
    void acceptsAJwtWithIat() {
        Credential credential = registered(TestCredentials.credential());

        assertIssued(exchange(credential, jwt(credential).claims(b -> b.claim("iat", NOW.getEpochSecond())).serialize()));
    }

    @Test
    void acceptsAHeaderWithTypJwt() {
        Credential credential = registered(TestCredentials.credential());
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build();

        assertIssued(exchange(credential, jwt(credential).header(header).serialize()));
    }

    @Test
    void ignoresAnUnknownKidInTheHeader() {
        Credential credential = registered(TestCredentials.credential());
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("no-such-key-id").build();

        assertIssued(exchange(credential, jwt(credential).header(header).serialize()));
    }

    // --- helpers ---

    private static Credential registered(Credential credential) {
        ims.register(credential);
        return credential;
    }

    /** A JWT for the shared fake, as aio-lib-java builds it, timed by the fixed clock: iat now, exp in 180 s. */
    private static ServiceAccountJwt jwt(Credential credential) {
        return jwt(credential, ims.baseUrl(), NOW);
    }

    private static ServiceAccountJwt jwt(Credential credential, URI imsBase, Instant now) {
        return ServiceAccountJwt.forCredential(credential, imsBase)
                .claims(b -> b.claim("iat", now.getEpochSecond()).claim("exp", now.getEpochSecond() + 180));
    }

    private static String metascopeKey() {
        return ims.baseUrl() + "/s/" + TestCredentials.METASCOPE;
    }

    private static JWTClaimsSet claimsOf(ServiceAccountJwt jwt) throws java.text.ParseException {
        return SignedJWT.parse(jwt.serialize()).getJWTClaimsSet();
    }

    private static URI exchangeUrl() {
        return ims.baseUrl().resolve("/ims/exchange/jwt");
    }

    /** The three parameters, in a mutable map, in the order aio-lib-java sends them. */
    private static Map<String, String> params(Credential credential, String jwtToken) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", credential.clientId());
        params.put("client_secret", credential.clientSecret());
        params.put("jwt_token", jwtToken);
        return params;
    }

    private static String formBody(Map<String, String> params) {
        StringBuilder body = new StringBuilder();
        params.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&")
                .append(ImsHttp.encode(name)).append('=').append(ImsHttp.encode(value)));
        return body.toString();
    }

    private static HttpResponse<String> exchange(Credential credential, String jwtToken) {
        return exchange(ims, credential, jwtToken);
    }

    private static HttpResponse<String> exchange(FakeImsServer server, Credential credential, String jwtToken) {
        return ImsHttp.postForm(server.baseUrl().resolve("/ims/exchange/jwt"), params(credential, jwtToken));
    }

    private static void assertMissing(String parameter) {
        assertMissing(parameter, "invalid_request");
    }

    private static void assertMissing(String parameter, String error) {
        Credential credential = registered(TestCredentials.credential());
        Map<String, String> params = params(credential, jwt(credential).serialize());
        params.remove(parameter);

        assertImsError(ImsHttp.postForm(exchangeUrl(), params), 400, error, "Missing required parameter: " + parameter,
                "the request has no " + parameter + " parameter");
    }

    private static void assertIssued(HttpResponse<String> response) {
        assertThat(response.statusCode())
                .as("%s; %s: %s", response.body(), REASON, response.headers().firstValue(REASON).orElse(""))
                .isEqualTo(200);
        Map<String, Object> body = ImsHttp.json(response);
        assertThat(body).containsEntry("token_type", "bearer").hasEntrySatisfying("expires_in", ExpiresIn::assertRemainingMillis);
        assertThat((String) body.get("access_token")).isNotBlank();
    }

}
