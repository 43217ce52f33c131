package io.github.fakeims.examples;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.Map;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Production code: an access token from AEM as a Cloud Service's "service credentials" JSON, the way
 * Adobe's {@code aemcs-api-client-lib} gets one: {@code https://<imsEndpoint>}, the metascopes split on
 * commas, the PKCS#1 key, {@code exp} in 8 hours.
 */
public final class AemServiceCredentialsClient {

    private final HttpClient http;

    public AemServiceCredentialsClient(HttpClient http) {
        this.http = http;
    }

    public String accessToken(String serviceCredentialsJson) throws IOException, InterruptedException, ParseException, JOSEException {
        Map<String, Object> integration = JSONObjectUtils.getJSONObject(JSONObjectUtils.parse(serviceCredentialsJson), "integration");
        Map<String, Object> account = JSONObjectUtils.getJSONObject(integration, "technicalAccount");
        String ims = "https://" + integration.get("imsEndpoint");
        String clientId = (String) account.get("clientId");
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer((String) integration.get("org"))
                .subject((String) integration.get("id"))
                .audience(ims + "/c/" + clientId)
                .claim("exp", Instant.now().getEpochSecond() + 8 * 3600);
        for (String metascope : ((String) integration.get("metascopes")).split(",")) {
            claims.claim(ims + "/s/" + metascope, true);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        jwt.sign(new RSASSASigner(pkcs1Key((String) integration.get("privateKey"))));
        String form = "client_id=" + encode(clientId) + "&client_secret=" + encode((String) account.get("clientSecret"))
                + "&jwt_token=" + jwt.serialize();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ims + "/ims/exchange/jwt"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("IMS answered " + response.statusCode() + ": " + response.body());
        }
        return JSONObjectUtils.getString(JSONObjectUtils.parse(response.body()), "access_token");
    }

    private static PrivateKey pkcs1Key(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return new JcaPEMKeyConverter().getKeyPair((PEMKeyPair) parser.readObject()).getPrivate();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
