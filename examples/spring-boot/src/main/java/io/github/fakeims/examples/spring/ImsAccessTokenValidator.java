package io.github.fakeims.examples.spring;

import java.time.Clock;
import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What Spring's default JWT validators cannot see in an IMS access token: it has no {@code exp}, its
 * lifetime is {@code created_at} + {@code expires_in} (milliseconds, as strings), and it says it is an
 * access token in {@code type}.
 */
final class ImsAccessTokenValidator implements OAuth2TokenValidator<Jwt> {

    private final Clock clock;

    ImsAccessTokenValidator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        if (!"access_token".equals(token.getClaimAsString("type"))) {
            return invalid("not an IMS access token (type " + token.getClaimAsString("type") + ")");
        }
        Instant expiry;
        try {
            expiry = Instant.ofEpochMilli(Long.parseLong(token.getClaimAsString("created_at")))
                    .plusMillis(Long.parseLong(token.getClaimAsString("expires_in")));
        } catch (NumberFormatException e) {
            return invalid("created_at and expires_in must be milliseconds");
        }
        return expiry.isAfter(clock.instant()) ? OAuth2TokenValidatorResult.success() : invalid("the IMS access token expired at " + expiry);
    }

    private static OAuth2TokenValidatorResult invalid(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
