package io.github.fakeims.server.internal.token;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Access token ids in IMS's shape, {@code <created_at>_<uuid>_ue1}, whose uuid carries a tag only this
 * server instance can make (a digest keyed with a per-instance secret): a token can be recognised as this instance's without remembering every
 * token issued (memory stays flat however many are minted), and a token from another fake in the
 * same JVM, signed with the same shared key, is still told apart.
 */
final class TokenIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] secret = new byte[32];

    TokenIds() {
        RANDOM.nextBytes(secret);
    }

    String next(long createdAtMillis) {
        long nonce = RANDOM.nextLong();
        return createdAtMillis + "_" + new UUID(nonce, tag(nonce, createdAtMillis)) + "_ue1";
    }

    boolean issuedHere(String id) {
        String[] parts = id.split("_");
        if (parts.length != 3 || !parts[2].equals("ue1")) {
            return false;
        }
        try {
            long createdAt = Long.parseLong(parts[0]);
            UUID uuid = UUID.fromString(parts[1]);
            byte[] expected = ByteBuffer.allocate(8).putLong(tag(uuid.getMostSignificantBits(), createdAt)).array();
            byte[] actual = ByteBuffer.allocate(8).putLong(uuid.getLeastSignificantBits()).array();
            return MessageDigest.isEqual(expected, actual);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * SHA-256 over the secret and the two fixed-length values. Not HMAC: Mac would load the SunJCE
     * provider, ~50 ms of a cold start, and with fixed-length input a keyed digest is as good here.
     */
    private long tag(long nonce, long createdAtMillis) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(secret);
            return ByteBuffer.wrap(digest.digest(ByteBuffer.allocate(16).putLong(nonce).putLong(createdAtMillis).array())).getLong();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
