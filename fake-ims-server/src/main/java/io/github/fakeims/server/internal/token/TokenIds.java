package io.github.fakeims.server.internal.token;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Access token ids in IMS's shape, {@code <created_at>_<uuid>_ue1}, whose uuid carries a tag only this
 * server instance can make: a token can be recognised as this instance's without remembering every
 * token issued (memory stays flat however many are minted), and a token from another fake in the
 * same JVM, signed with the same shared key, is still told apart.
 */
final class TokenIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    TokenIds() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
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

    private long tag(long nonce, long createdAtMillis) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return ByteBuffer.wrap(mac.doFinal(ByteBuffer.allocate(16).putLong(nonce).putLong(createdAtMillis).array())).getLong();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
