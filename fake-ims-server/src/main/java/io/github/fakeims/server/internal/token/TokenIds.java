package io.github.fakeims.server.internal.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Access token ids in IMS's shape, {@code <created_at>_<uuid>_ue1}, whose uuid carries a tag only a
 * holder of the secret can make (a digest keyed with it): a token is recognised as this instance's
 * without remembering every token issued (memory stays flat however many are minted), and a token
 * from another fake in the same JVM, signed with the same shared key, is still told apart. The tag
 * covers the token's whole header and payload (its id blanked), so a token re-signed with the
 * (public) key after any edit is refused.
 */
final class TokenIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] secret;

    private TokenIds(byte[] secret) {
        this.secret = secret;
    }

    /** A {@code moi} claim: 8 hex digits in real tokens; what it means is not public, so it is random here. */
    static String moi() {
        return String.format("%08x", java.util.concurrent.ThreadLocalRandom.current().nextInt());
    }

    /** An {@code fg} claim: 26 base32 characters and six {@code =} in real JWT-era tokens; random here. */
    static String fg() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder fg = new StringBuilder(32);
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 26; i++) {
            fg.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return fg.append("======").toString();
    }

    /** A random secret: only this instance, until its next reset, recognises its tokens. */
    static TokenIds random() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return new TokenIds(secret);
    }

    /** A configured secret: every fake configured with it recognises the others' tokens (replicas). */
    static TokenIds keyedWith(String configuredSecret) {
        try {
            return new TokenIds(MessageDigest.getInstance("SHA-256")
                    .digest(("fake-ims token secret\n" + configuredSecret).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** A new id for a token created at {@code createdAtMillis} whose text (id blanked) reads {@code boundClaims}. */
    String next(long createdAtMillis, String boundClaims) {
        long nonce = RANDOM.nextLong();
        return createdAtMillis + "_" + new UUID(nonce, tag(nonce, createdAtMillis, boundClaims)) + "_ue1";
    }

    /** Whether this secret made {@code id} for a token whose text (id blanked) reads {@code boundClaims}. */
    boolean issuedHere(String id, String boundClaims) {
        String[] parts = id.split("_");
        if (parts.length != 3 || !parts[2].equals("ue1")) {
            return false;
        }
        try {
            long createdAt = Long.parseLong(parts[0]);
            UUID uuid = UUID.fromString(parts[1]);
            byte[] expected = ByteBuffer.allocate(8).putLong(tag(uuid.getMostSignificantBits(), createdAt, boundClaims)).array();
            byte[] actual = ByteBuffer.allocate(8).putLong(uuid.getLeastSignificantBits()).array();
            return MessageDigest.isEqual(expected, actual);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * SHA-256 over the secret, the two numbers and the bound claims. Not HMAC: Mac would load the
     * SunJCE provider, ~50 ms of a cold start; the secret comes first and only 8 bytes of the digest
     * are ever shown, which leaves nothing to extend, so a keyed digest is as good here.
     */
    private long tag(long nonce, long createdAtMillis, String boundClaims) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(secret);
            digest.update(ByteBuffer.allocate(16).putLong(nonce).putLong(createdAtMillis).array());
            return ByteBuffer.wrap(digest.digest(boundClaims.getBytes(StandardCharsets.UTF_8))).getLong();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
