package io.github.fakeims.server.internal.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JtiRegistryTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final JtiRegistry registry = new JtiRegistry();

    @Test
    void aJtiIsRefusedWhileItsJwtIsLiveAndPerClient() {
        assertThat(registry.firstUse("a", "j", NOW.plusSeconds(60), NOW)).isTrue();
        assertThat(registry.firstUse("a", "j", NOW.plusSeconds(60), NOW.plusSeconds(59))).isFalse();
        assertThat(registry.firstUse("b", "j", NOW.plusSeconds(60), NOW)).isTrue();
    }

    @Test
    void aJtiMayBeUsedAgainOnceItsJwtCouldNoLongerBeAccepted() {
        assertThat(registry.firstUse("a", "j", NOW.plusSeconds(60), NOW)).isTrue();
        assertThat(registry.firstUse("a", "j", NOW.plusSeconds(200), NOW.plusSeconds(61))).isTrue();
    }

    @Test
    void expiredEntriesArePurgedAndLiveOnesKeptWhenTheRegistryGrows() {
        for (int i = 0; i < 3000; i++) {
            registry.firstUse("a", "old-" + i, NOW.plusSeconds(1), NOW);
        }
        for (int i = 0; i < 3000; i++) {
            assertThat(registry.firstUse("a", "new-" + i, NOW.plusSeconds(600), NOW.plusSeconds(10))).isTrue();
        }
        assertThat(registry.firstUse("a", "new-0", NOW.plusSeconds(600), NOW.plusSeconds(10))).isFalse();
        assertThat(registry.size()).isLessThanOrEqualTo(3000 + 2048);
    }
}
