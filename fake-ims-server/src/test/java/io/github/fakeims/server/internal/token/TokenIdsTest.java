package io.github.fakeims.server.internal.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenIdsTest {

    private static final String CLAIMS = "client_id=String:abc\nscope=String:openid\n";

    private final TokenIds ids = TokenIds.random();

    @Test
    void idsHaveImsShapeAndAreRecognisedByTheInstanceThatMadeThem() {
        String id = ids.next(1762446162065L, CLAIMS);

        assertThat(id).matches("1762446162065_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}_ue1");
        assertThat(ids.issuedHere(id, CLAIMS)).isTrue();
        assertThat(ids.next(1762446162065L, CLAIMS)).isNotEqualTo(id);
    }

    @Test
    void anotherInstancesIdsAndAlteredIdsAreNotRecognised() {
        String id = ids.next(1762446162065L, CLAIMS);

        assertThat(TokenIds.random().issuedHere(id, CLAIMS)).isFalse();
        assertThat(ids.issuedHere(id.replaceFirst("^1762446162065", "1762446162066"), CLAIMS)).isFalse();
        char last = id.charAt(id.length() - 5);
        assertThat(ids.issuedHere(id.substring(0, id.length() - 5) + (last == '0' ? '1' : '0') + "_ue1", CLAIMS)).isFalse();
        assertThat(ids.issuedHere("garbage", CLAIMS)).isFalse();
        assertThat(ids.issuedHere("1_not-a-uuid_ue1", CLAIMS)).isFalse();
        assertThat(ids.issuedHere("x_" + id.split("_")[1] + "_ue1", CLAIMS)).isFalse();
    }

    @Test
    void theSameConfiguredSecretRecognisesTheOthersIdsAndAnotherDoesNot() {
        String id = TokenIds.keyedWith("replica secret").next(1762446162065L, CLAIMS);

        assertThat(TokenIds.keyedWith("replica secret").issuedHere(id, CLAIMS)).isTrue();
        assertThat(TokenIds.keyedWith("another secret").issuedHere(id, CLAIMS)).isFalse();
    }

    @Test
    void anIdDoesNotVouchForClaimsOtherThanThoseItWasMadeFor() {
        String id = ids.next(1762446162065L, CLAIMS);

        assertThat(ids.issuedHere(id, CLAIMS.replace("openid", "openid,admin"))).isFalse();
    }
}
