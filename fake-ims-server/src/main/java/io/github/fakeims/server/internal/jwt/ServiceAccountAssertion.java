package io.github.fakeims.server.internal.jwt;

import com.nimbusds.jwt.JWTClaimsSet;
import io.github.fakeims.server.Credential;
import java.util.Set;

/** A JWT the exchange accepted: its claims and the metascope codes it was granted. */
public record ServiceAccountAssertion(Credential credential, JWTClaimsSet claims, Set<String> metascopes) {
}
