package io.github.fakeims.server.internal.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Invalidations are kept until the token expires by the fake's clock, and never more than the cap. */
class InvalidatedTokensTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void expiredInvalidationsArePrunedAndTheCapRefusesMore() {
        InvalidatedTokens invalidated = new InvalidatedTokens();
        for (int i = 0; i < InvalidatedTokens.MAX; i++) {
            assertThat(invalidated.add("expiring-" + i, NOW.plusSeconds(60), NOW)).isTrue();
        }
        assertThat(invalidated.add("one-more", NOW.plusSeconds(60), NOW)).as("full of live invalidations").isFalse();
        assertThat(invalidated.contains("expiring-0")).isTrue();

        Instant later = NOW.plusSeconds(61);
        assertThat(invalidated.add("after-expiry", later.plusSeconds(60), later)).as("the expired ones make room").isTrue();
        assertThat(invalidated.size()).isEqualTo(1);
        assertThat(invalidated.contains("expiring-0")).isFalse();
    }
}
