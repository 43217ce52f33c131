package io.github.fakeims.server.internal.jwt;

import com.nimbusds.jwt.JWTClaimsSet;
import io.github.fakeims.server.Credential;
import java.util.List;
import java.util.Set;

/**
 * A JWT the exchange accepted: its claims (normalised: {@code jti} a string, times in seconds), the
 * metascope codes it was granted, and what IMS tolerated in it (e.g. {@code exp} in milliseconds).
 */
public record ServiceAccountAssertion(Credential credential, JWTClaimsSet claims, Set<String> metascopes, List<String> warnings) {
}
