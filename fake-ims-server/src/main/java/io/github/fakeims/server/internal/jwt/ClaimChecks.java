package io.github.fakeims.server.internal.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.DefaultJOSEProcessor;
import io.github.fakeims.server.Credential;
import io.github.fakeims.server.internal.core.Certificates;
import io.github.fakeims.server.internal.core.ImsError;
import io.github.fakeims.server.internal.core.ImsRejection;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * IMS's rules for a Service Account JWT, one check each, each rejecting with its own IMS error and a
 * precise reason. {@link ServiceAccountJwtVerifier} runs them in IMS's order, stopping at the first
 * failure (the exchange) or collecting them all (the tools).
 */
final class ClaimChecks {

    /** IMS tolerates this much clock skew on {@code exp} (and, by our choice, on {@code nbf}). */
    static final long SKEW_SECONDS = 30;
    private static final String METASCOPE_MARKER = "/s/";

    private ClaimChecks() {
    }

    static void checkAlgorithm(SignedJWT jwt) throws ImsRejection {
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!JWSAlgorithm.RS256.equals(alg)) {
            throw reject(ImsError.noBinding("the JWT header says alg " + alg + "; IMS accepts RS256 only"));
        }
    }

    /** The IMS base URL of a single {@code <base>/c/<client id>} audience, if the JWT has one. */
    static Optional<String> audienceBase(JWTClaimsSet claims) {
        List<String> audience = claims.getAudience();
        if (audience.size() != 1 || !audience.get(0).contains("/c/")) {
            return Optional.empty();
        }
        String aud = audience.get(0);
        return Optional.of(AcceptedBaseUrls.normalize(aud.substring(0, aud.lastIndexOf("/c/"))));
    }

    static String checkAudience(JWTClaimsSet claims, String clientId, Set<String> acceptedBases) throws ImsRejection {
        List<String> audience = claims.getAudience();
        String expectedHint = "expected <IMS base URL>/c/" + clientId + " with one of " + acceptedBases;
        if (audience.size() != 1) {
            throw reject(ImsError.unknownClient(audience.isEmpty()
                    ? "the aud claim is missing; " + expectedHint
                    : "the aud claim has " + audience.size() + " values " + audience + "; IMS expects exactly one, " + expectedHint));
        }
        String aud = audience.get(0);
        int marker = aud.lastIndexOf("/c/");
        if (marker < 0) {
            throw reject(ImsError.unknownClient("aud was " + aud + ", " + expectedHint));
        }
        String base = AcceptedBaseUrls.normalize(aud.substring(0, marker));
        if (!acceptedBases.contains(base)) {
            throw reject(ImsError.unknownClient("aud was " + aud + ": " + base + " is not this fake IMS (accepted: "
                    + acceptedBases + "; production and stage are accepted only with acceptProductionAudience)"));
        }
        String audClientId = aud.substring(marker + 3);
        if (!audClientId.equals(clientId)) {
            throw reject(ImsError.unknownClient("aud was " + aud + ", expected " + base + "/c/" + clientId
                    + " (the client_id of the request)"));
        }
        return base;
    }

    static void checkSignature(SignedJWT jwt, Credential credential, Instant now) throws ImsRejection {
        Set<String> critical = jwt.getHeader().getCriticalParams();
        if (critical != null && !critical.isEmpty()) {
            throw reject(ImsError.noBinding("the JWT header marks " + critical
                    + " as critical (crit); IMS understands no such extension, so the JWT cannot be accepted"));
        }
        List<PublicKey> keys = credential.certificates().stream()
                .filter(certificate -> validAt(certificate, now))
                .map(X509Certificate::getPublicKey)
                .filter(Certificates::strongRsaKey) // registration refuses weak keys; checked again here
                .toList();
        if (keys.isEmpty()) {
            throw reject(ImsError.noBinding("none of the " + credential.certificates().size()
                    + " certificate(s) registered on client_id " + credential.clientId() + " is a valid RSA certificate at "
                    + now + ": " + describeCertificates(credential)));
        }
        // A JOSE processor, not a JWT one: it must not parse the claims (an integer jti, which IMS accepts, fails nimbus's claims set).
        DefaultJOSEProcessor<SecurityContext> processor = new DefaultJOSEProcessor<>();
        processor.setJWSTypeVerifier(DefaultJOSEObjectTypeVerifier.JWT); // typ JWT or none, as DefaultJWTProcessor checks
        // Every valid certificate may have signed it: IMS sends no kid, and jku/x5u/jwk headers are never trusted.
        processor.setJWSKeySelector((header, context) -> JWSAlgorithm.RS256.equals(header.getAlgorithm()) ? keys : List.of());
        try {
            processor.process(jwt, null);
        } catch (BadJWSException e) {
            throw reject(ImsError.noBinding("the signature does not verify with the public key of any of the " + keys.size()
                    + " valid certificate(s) registered on client_id " + credential.clientId() + ": "
                    + describeCertificates(credential)));
        } catch (BadJOSEException | JOSEException e) {
            throw reject(ImsError.noBinding("the JWT was rejected: " + e.getMessage()));
        }
    }

    static void checkBinding(JWTClaimsSet claims, Credential credential) throws ImsRejection {
        checkIssuer(claims, credential);
        checkSubject(claims, credential);
    }

    static void checkIssuer(JWTClaimsSet claims, Credential credential) throws ImsRejection {
        if (!credential.orgId().equals(claims.getIssuer())) {
            throw reject(ImsError.noBinding("iss was " + claims.getIssuer() + ", expected the organization "
                    + credential.orgId() + " of client_id " + credential.clientId()));
        }
    }

    static void checkSubject(JWTClaimsSet claims, Credential credential) throws ImsRejection {
        if (!credential.technicalAccountId().equals(claims.getSubject())) {
            throw reject(ImsError.noBinding("sub was " + claims.getSubject() + ", expected the technical account "
                    + credential.technicalAccountId() + " of client_id " + credential.clientId()));
        }
    }

    static void checkTime(JWTClaimsSet claims, Instant now) throws ImsRejection {
        // IMS compares whole seconds: rejected when exp < now - 30 s.
        long nowSeconds = now.getEpochSecond();
        long exp = claims.getExpirationTime().toInstant().getEpochSecond();
        if (exp < nowSeconds - SKEW_SECONDS) {
            throw reject(ImsError.expired("exp was " + Instant.ofEpochSecond(exp) + " (" + exp + "), " + (nowSeconds - exp)
                    + " s before the fake's clock (" + now + "); IMS allows " + SKEW_SECONDS + " s of skew"));
        }
        if (claims.getNotBeforeTime() != null) {
            long nbf = claims.getNotBeforeTime().toInstant().getEpochSecond();
            if (nbf > nowSeconds + SKEW_SECONDS) {
                throw reject(ImsError.notYetValid("nbf was " + Instant.ofEpochSecond(nbf) + ", " + (nbf - nowSeconds)
                        + " s after the fake's clock (" + now + ")"));
            }
        }
    }

    static Set<String> checkMetascopes(SignedJWT jwt, Credential credential, String audienceBase) throws ImsRejection {
        Map<String, Object> payload = jwt.getPayload().toJSONObject();
        Set<String> codes = new TreeSet<>();
        for (Map.Entry<String, Object> claim : payload.entrySet()) {
            String key = claim.getKey();
            int marker = key.lastIndexOf(METASCOPE_MARKER);
            if (marker < 0) {
                continue;
            }
            String base = AcceptedBaseUrls.normalize(key.substring(0, marker));
            if (!base.equals(audienceBase)) {
                throw reject(ImsError.metascopes("metascope claim " + key + " names " + (base.isEmpty() ? "no IMS base URL" : base)
                        + ", but aud names " + audienceBase + "; write it as " + audienceBase + key.substring(marker)));
            }
            if (!Boolean.TRUE.equals(claim.getValue())) {
                throw reject(ImsError.metascopes("metascope claim " + key + " is " + describe(claim.getValue())
                        + "; IMS requires the JSON boolean true"));
            }
            codes.add(key.substring(marker + METASCOPE_MARKER.length()));
        }
        if (codes.isEmpty()) {
            throw reject(ImsError.metascopes("the JWT has no metascope claim; add \"" + audienceBase
                    + "/s/<code>\": true for one of " + new TreeSet<>(credential.metascopes())));
        }
        Set<String> notGranted = new TreeSet<>(codes);
        notGranted.removeAll(credential.metascopes());
        if (!notGranted.isEmpty()) {
            throw reject(ImsError.metascopes("metascope(s) " + notGranted + " are not granted to client_id "
                    + credential.clientId() + " (granted: " + new TreeSet<>(credential.metascopes()) + ")"));
        }
        return Set.copyOf(codes);
    }

    private static boolean validAt(X509Certificate certificate, Instant now) {
        return !now.isBefore(certificate.getNotBefore().toInstant()) && !now.isAfter(certificate.getNotAfter().toInstant());
    }

    private static String describeCertificates(Credential credential) {
        return credential.certificates().stream()
                .map(c -> c.getSubjectX500Principal().getName() + " serial " + c.getSerialNumber().toString(16)
                        + " valid " + c.getNotBefore().toInstant() + " to " + c.getNotAfter().toInstant())
                .collect(Collectors.joining("; "));
    }

    static String describe(Object value) {
        if (value instanceof String text) {
            return "the string \"" + text + "\"";
        }
        if (value instanceof Double number) {
            return number + ", a fraction";
        }
        return String.valueOf(value);
    }

    static ImsRejection reject(ImsError error) {
        return new ImsRejection(error);
    }
}
