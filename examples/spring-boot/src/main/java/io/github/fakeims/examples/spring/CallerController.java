package io.github.fakeims.examples.spring;

import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who called, from the IMS token they brought. */
@RestController
class CallerController {

    @GetMapping("/api/caller")
    Map<String, Object> caller(@AuthenticationPrincipal Jwt token) {
        return Map.of("clientId", token.getClaimAsString("client_id"), "org", String.valueOf(token.getClaims().getOrDefault("org", "")),
                "scope", token.getClaimAsString("scope"));
    }
}
