package io.github.fakeims.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.X509CertUtils;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON configuration format and the builder's defaults and checks. */
class FakeImsConfigTest {

    private static final X509Certificate CERTIFICATE = TestKeys.certificate(TestKeys.KEYS);
    private static final String PEM = X509CertUtils.toPEMString(CERTIFICATE);

    /** A JSON string literal, escaping what PEM text contains. */
    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }

    /** A valid credential object; tests break it by replacing parts of the text. */
    private static String credentialJson(String clientId, String certificateEntry) {
        return """
                {"clientId":"%s","clientSecret":"p8e-secret","orgId":"ABC123@AdobeOrg",
                 "technicalAccountId":"DEF456@techacct.adobe.com","metascopes":["ent_user_sdk"],
                 "certificates":[%s],"grants":["jwt_exchange","client_credentials"]}"""
                .formatted(clientId, quoted(certificateEntry));
    }

    private static String configWith(String credential) {
        return "{\"credentials\":[" + credential + "]}";
    }

    @Test
    void readsEveryFieldOfTheFullJsonFormat() {
        String json = """
                {"host":"0.0.0.0","port":8181,
                 "publicBaseUrls":["http://ims.local:9000/","https://fake-ims.example.com"],
                 "acceptProductionAudience":true,"tokenLifetimeSeconds":3600,
                 "credentials":[{"clientId":"client-1","clientSecret":"p8e-a+b/c=d",
                   "orgId":"ABC123@AdobeOrg","technicalAccountId":"DEF456@techacct.adobe.com",
                   "metascopes":["ent_analytics_bulk_ingest_sdk","/s/ent_user_sdk"],
                   "scopes":["openid"," AdobeID"],
                   "certificates":[%s],
                   "grants":["jwt_exchange","client_credentials"],"jtiRequired":true}]}"""
                .formatted(quoted(PEM));

        FakeImsConfig config = FakeImsConfig.fromJson(json);

        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(8181);
        assertThat(config.publicBaseUrls())
                .containsExactly(URI.create("http://ims.local:9000"), URI.create("https://fake-ims.example.com"));
        assertThat(config.acceptProductionAudience()).isTrue();
        assertThat(config.tokenLifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(config.credentials()).hasSize(1);
        Credential credential = config.credentials().get(0);
        assertThat(credential.clientId()).isEqualTo("client-1");
        assertThat(credential.clientSecret()).isEqualTo("p8e-a+b/c=d");
        assertThat(credential.orgId()).isEqualTo("ABC123@AdobeOrg");
        assertThat(credential.technicalAccountId()).isEqualTo("DEF456@techacct.adobe.com");
        assertThat(credential.metascopes()).containsExactlyInAnyOrder("ent_analytics_bulk_ingest_sdk", "ent_user_sdk");
        assertThat(credential.scopes()).containsExactlyInAnyOrder("openid", "AdobeID");
        assertThat(credential.certificates()).containsExactly(CERTIFICATE);
        assertThat(credential.grants()).containsExactlyInAnyOrder(Grant.JWT_EXCHANGE, Grant.CLIENT_CREDENTIALS);
        assertThat(credential.jtiRequired()).isTrue();
    }

    @Test
    void appliesTheDefaultsToFieldsTheJsonLeavesOut() {
        FakeImsConfig config = FakeImsConfig.fromJson("{}");

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isZero();
        assertThat(config.publicBaseUrls()).isEmpty();
        assertThat(config.acceptProductionAudience()).isFalse();
        assertThat(config.tokenLifetime()).isEqualTo(Duration.ofHours(24));
        assertThat(config.credentials()).isEmpty();
    }

    @Test
    void allowsBothGrantsAndNoJtiWhenACredentialSaysNothing() {
        FakeImsConfig config = FakeImsConfig.fromJson(configWith(credentialJson("c", PEM)
                .replace(",\"grants\":[\"jwt_exchange\",\"client_credentials\"]", "")));

        Credential credential = config.credentials().get(0);
        assertThat(credential.grants()).containsExactlyInAnyOrder(Grant.JWT_EXCHANGE, Grant.CLIENT_CREDENTIALS);
        assertThat(credential.jtiRequired()).isFalse();
    }

    @Test
    void acceptsAnOAuthOnlyCredentialWithoutCertificates() {
        FakeImsConfig config = FakeImsConfig.fromJson("""
                {"credentials":[{"clientId":"oauth","clientSecret":"s","orgId":"ABC@AdobeOrg",
                 "technicalAccountId":"T@techacct.adobe.com","scopes":["openid"],"grants":["client_credentials"]}]}""");

        assertThat(config.credentials().get(0).grants()).containsExactly(Grant.CLIENT_CREDENTIALS);
        assertThat(config.credentials().get(0).certificates()).isEmpty();
    }

    @Test
    void resolvesARelativeCertificatePathAgainstTheConfigFilesFolder(@TempDir Path dir) throws Exception {
        Path configDir = Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(configDir.resolve("certs"));
        Files.writeString(configDir.resolve("certs/cert.pem"), PEM);
        Path file = configDir.resolve("fake-ims.json");
        Files.writeString(file, configWith(credentialJson("client-1", "certs/cert.pem")));

        FakeImsConfig config = FakeImsConfig.fromFile(file);

        assertThat(config.credentials().get(0).certificates()).containsExactly(CERTIFICATE);
    }

    @Test
    void readsACertificateGivenAsAnAbsolutePath(@TempDir Path dir) throws Exception {
        Path certificate = dir.resolve("elsewhere.pem");
        Files.writeString(certificate, PEM);

        FakeImsConfig config = FakeImsConfig.fromJson(configWith(credentialJson("c", certificate.toAbsolutePath().toString())));

        assertThat(config.credentials().get(0).certificates()).containsExactly(CERTIFICATE);
    }

    @Test
    void namesTheConfigFileWhenItCannotBeRead(@TempDir Path dir) {
        Path missing = dir.resolve("missing.json");

        assertThatThrownBy(() -> FakeImsConfig.fromFile(missing)).hasMessageContaining(missing.toString());
    }

    // --- errors name the field -----------------------------------------------------------------

    @Test
    void namesTheMissingClientId() {
        String json = configWith(credentialJson("x", PEM).replace("\"clientId\":\"x\",", ""));

        assertThatThrownBy(() -> FakeImsConfig.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("credentials[0].clientId");
    }

    @Test
    void namesTheCredentialsIndexOfAFaultyCredential() {
        String json = "{\"credentials\":[" + credentialJson("a", PEM) + ","
                + credentialJson("b", PEM).replace("\"clientSecret\":\"p8e-secret\",", "") + "]}";

        assertThatThrownBy(() -> FakeImsConfig.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("credentials[1].clientSecret");
    }

    @Test
    void namesAnOrgIdWithoutAdobeOrg() {
        String json = configWith(credentialJson("x", PEM).replace("ABC123@AdobeOrg", "ABC123"));

        assertThatThrownBy(() -> FakeImsConfig.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("credentials[0].orgId")
                .hasMessageContaining("@AdobeOrg");
    }

    @Test
    void namesAnUnknownTopLevelField() {
        assertThatThrownBy(() -> FakeImsConfig.fromJson("{\"port\":0,\"prot\":8080}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prot");
    }

    @Test
    void namesAnUnknownCredentialField() {
        String json = configWith(credentialJson("x", PEM).replace("\"clientId\"", "\"metaScopes\":[],\"clientId\""));

        assertThatThrownBy(() -> FakeImsConfig.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("credentials[0]")
                .hasMessageContaining("metaScopes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"8080\"", "80.5", "true", "70000", "-1"})
    void namesAPortThatIsNotAPortNumber(String port) {
        assertThatThrownBy(() -> FakeImsConfig.fromJson("{\"port\":" + port + "}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("port");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "\"3600\""})
    void namesATokenLifetimeThatIsNotAPositiveNumberOfSeconds(String seconds) {
        assertThatThrownBy(() -> FakeImsConfig.fromJson("{\"tokenLifetimeSeconds\":" + seconds + "}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tokenLifetimeSeconds");
    }

    @Test
    void namesAPublicBaseUrlThatIsNotAnAbsoluteUrl() {
        assertThatThrownBy(() -> FakeImsConfig.fromJson("{\"publicBaseUrls\":[\"/relative\"]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("publicBaseUrls");
    }

    @Test
    void namesABadGrant() {
        String json = configWith(credentialJson("x", PEM).replace("\"client_credentials\"", "\"password\""));

        assertThatThrownBy(() -> FakeImsConfig.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("credentials[0].grants")
                .hasMessageContaining("password");
    }

    @Test
    void namesACertificateThatIsNeitherPemNorAFile() {
        String json = configWith(credentialJson("x", "no-such-certificate.pem"));

        assertThatThrownBy(() -> FakeImsConfig.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("credentials[0].certificates[0]");
    }

    @Test
    void namesACertificateWhosePemTextIsBroken() {
        String json = configWith(credentialJson("x", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));

        assertThatThrownBy(() -> FakeImsConfig.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("credentials[0].certificates[0]");
    }

    @Test
    void namesACertificateFileThatHoldsNoCertificate(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("not-a-cert.pem"), "hello");
        Path file = dir.resolve("config.json");
        Files.writeString(file, configWith(credentialJson("x", "not-a-cert.pem")));

        assertThatThrownBy(() -> FakeImsConfig.fromFile(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("credentials[0].certificates[0]");
    }

    @Test
    void rejectsTwoCredentialsWithTheSameClientId() {
        String json = "{\"credentials\":[" + credentialJson("twin", PEM) + "," + credentialJson("twin", PEM) + "]}";

        assertThatThrownBy(() -> FakeImsConfig.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("credentials")
                .hasMessageContaining("clientId");
    }

    @Test
    void rejectsAJwtExchangeCredentialWithoutCertificates() {
        String json = configWith(credentialJson("x", PEM).replaceAll("\"certificates\":\\[[^\\]]*\\],", ""));

        assertThatThrownBy(() -> FakeImsConfig.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("credentials[0].certificates");
    }

    @Test
    void namesAFieldOfTheWrongType() {
        String json = configWith(credentialJson("x", PEM).replace("[\"ent_user_sdk\"]", "\"ent_user_sdk\""));

        assertThatThrownBy(() -> FakeImsConfig.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("credentials[0].metascopes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "{", "{\"port\":}", "not json", "{\"port\":0}}"})
    void rejectsMalformedJsonWithAnIllegalArgumentException(String json) {
        assertThatThrownBy(() -> FakeImsConfig.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("config");
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "\"text\"", "true", "null", "[]", "[[\"port\",8080]]"})
    void rejectsJsonThatIsNotAnObject(String json) {
        assertThatThrownBy(() -> FakeImsConfig.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("config");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"credentials\":[1]}", "{\"credentials\":[null]}", "{\"credentials\":{}}", "{\"credentials\":\"c\"}"})
    void rejectsCredentialsThatAreNotAnArrayOfObjects(String json) {
        assertThatThrownBy(() -> FakeImsConfig.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("credentials");
    }

    // --- builder -----------------------------------------------------------------------------

    @Test
    void buildsLoopbackAnyPortAndADayLongTokensByDefault() {
        FakeImsConfig config = FakeImsConfig.builder().build();

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isZero();
        assertThat(config.tokenLifetime()).isEqualTo(Duration.ofHours(24));
        assertThat(config.acceptProductionAudience()).isFalse();
        assertThat(config.credentials()).isEmpty();
        assertThat(config.publicBaseUrls()).isEmpty();
        assertThat(FakeImsConfig.defaults().port()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65536, Integer.MIN_VALUE})
    void refusesAPortOutsideZeroTo65535(int port) {
        assertThatThrownBy(() -> FakeImsConfig.builder().port(port))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port");
    }

    @Test
    void acceptsTheEdgePorts() {
        assertThat(FakeImsConfig.builder().port(0).build().port()).isZero();
        assertThat(FakeImsConfig.builder().port(65535).build().port()).isEqualTo(65535);
    }

    @Test
    void refusesANonPositiveTokenLifetime() {
        assertThatThrownBy(() -> FakeImsConfig.builder().tokenLifetime(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tokenLifetime");
        assertThatThrownBy(() -> FakeImsConfig.builder().tokenLifetime(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tokenLifetime");
    }

    @Test
    void refusesTwoCredentialsWithTheSameClientIdInTheBuilder() {
        Credential credential = TestCredentials.credential();

        assertThatThrownBy(() -> FakeImsConfig.builder().credential(credential).credential(credential).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clientId");
    }

    @Test
    void stripsTrailingSlashesFromPublicBaseUrlsAndRefusesRelativeOnes() {
        FakeImsConfig config = FakeImsConfig.builder().publicBaseUrl(URI.create("http://ims.local:9000//")).build();

        assertThat(config.publicBaseUrls()).containsExactly(URI.create("http://ims.local:9000"));
        assertThatThrownBy(() -> FakeImsConfig.builder().publicBaseUrl(URI.create("ims.local")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("publicBaseUrls");
    }

    @Test
    void copiesEveryValueThroughToBuilder() {
        FakeImsConfig config = FakeImsConfig.builder().host("0.0.0.0").port(9999)
                .publicBaseUrl(URI.create("http://a.b")).acceptProductionAudience(true)
                .credential(TestCredentials.credential()).tokenLifetime(Duration.ofMinutes(5)).build();

        FakeImsConfig copy = config.toBuilder().build();

        assertThat(copy.host()).isEqualTo("0.0.0.0");
        assertThat(copy.port()).isEqualTo(9999);
        assertThat(copy.publicBaseUrls()).isEqualTo(config.publicBaseUrls());
        assertThat(copy.acceptProductionAudience()).isTrue();
        assertThat(copy.credentials()).isEqualTo(config.credentials());
        assertThat(copy.tokenLifetime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(copy.clock()).isEqualTo(config.clock());
    }
}
