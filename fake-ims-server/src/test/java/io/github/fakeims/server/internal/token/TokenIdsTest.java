package io.github.fakeims.server.internal.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenIdsTest {

    private final TokenIds ids = new TokenIds();

    @Test
    void idsHaveImsShapeAndAreRecognisedByTheInstanceThatMadeThem() {
        String id = ids.next(1762446162065L);

        assertThat(id).matches("1762446162065_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}_ue1");
        assertThat(ids.issuedHere(id)).isTrue();
        assertThat(ids.next(1762446162065L)).isNotEqualTo(id);
    }

    @Test
    void anotherInstancesIdsAndAlteredIdsAreNotRecognised() {
        String id = ids.next(1762446162065L);

        assertThat(new TokenIds().issuedHere(id)).isFalse();
        assertThat(ids.issuedHere(id.replaceFirst("^1762446162065", "1762446162066"))).isFalse();
        char last = id.charAt(id.length() - 5);
        assertThat(ids.issuedHere(id.substring(0, id.length() - 5) + (last == '0' ? '1' : '0') + "_ue1")).isFalse();
        assertThat(ids.issuedHere("garbage")).isFalse();
        assertThat(ids.issuedHere("1_not-a-uuid_ue1")).isFalse();
        assertThat(ids.issuedHere("x_" + id.split("_")[1] + "_ue1")).isFalse();
    }
}
