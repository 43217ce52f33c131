package io.github.fakeims.server.internal.core;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * RSA private keys in the two PEM forms Adobe hands out: PKCS#8 ({@code BEGIN PRIVATE KEY}, the Developer
 * Console) and PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, AEM's service credentials). A PKCS#8 RSA key is the
 * PKCS#1 structure wrapped in a fixed algorithm header, so converting needs only that wrapper.
 */
public final class PrivateKeyPem {

    /** {@code INTEGER 0, SEQUENCE {rsaEncryption OID, NULL}}: the PKCS#8 fields before the PKCS#1 octets. */
    private static final byte[] RSA_PKCS8_HEADER = HexFormat.of().parseHex("020100300d06092a864886f70d0101010500");

    private PrivateKeyPem() {
    }

    /**
     * Reads an unencrypted RSA key in either PEM form (any line breaks).
     *
     * @throws IllegalArgumentException saying what the text is instead
     */
    public static PrivateKey parse(String pem) {
        String text = pem == null ? "" : pem.strip();
        boolean pkcs1 = text.startsWith("-----BEGIN RSA PRIVATE KEY-----");
        if (!pkcs1 && !text.startsWith("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException(text.contains("ENCRYPTED") ? "an encrypted key; decrypt it first (openssl pkcs8 -topk8 -nocrypt)"
                    : "not a PEM RSA private key (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)");
        }
        String base64 = text.replaceAll("-----(BEGIN|END) (RSA )?PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs1 ? wrap(der) : der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("does not hold an RSA private key: " + e.getMessage(), e);
        }
    }

    /** PKCS#8 PEM with LF line breaks, as the Console's {@code private.key}. */
    public static String pkcs8(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded(), "\n");
    }

    /** PKCS#1 PEM ({@code BEGIN RSA PRIVATE KEY}) with the given line break, as AEM's service credentials (CRLF). */
    public static String pkcs1(PrivateKey key, String lineBreak) {
        return pem("RSA PRIVATE KEY", unwrap(key.getEncoded()), lineBreak);
    }

    /** Whether the key is the private half of the certificate's public key. */
    public static boolean matches(PrivateKey key, X509Certificate certificate) {
        return key instanceof RSAKey privateKey && certificate.getPublicKey() instanceof RSAKey publicKey
                && privateKey.getModulus().equals(publicKey.getModulus());
    }

    private static String pem(String type, byte[] der, String lineBreak) {
        return "-----BEGIN " + type + "-----" + lineBreak
                + Base64.getMimeEncoder(64, lineBreak.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(der)
                + lineBreak + "-----END " + type + "-----" + lineBreak;
    }

    private static byte[] wrap(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(RSA_PKCS8_HEADER);
        body.write(0x04);
        body.writeBytes(length(pkcs1.length));
        body.writeBytes(pkcs1);
        ByteArrayOutputStream sequence = new ByteArrayOutputStream();
        sequence.write(0x30);
        sequence.writeBytes(length(body.size()));
        sequence.writeBytes(body.toByteArray());
        return sequence.toByteArray();
    }

    /** The PKCS#1 octets inside a PKCS#8 RSA key. */
    private static byte[] unwrap(byte[] pkcs8) {
        int[] position = {0};
        expect(pkcs8, position, 0x30);
        readLength(pkcs8, position);
        if (!Arrays.equals(pkcs8, position[0], position[0] + RSA_PKCS8_HEADER.length, RSA_PKCS8_HEADER, 0, RSA_PKCS8_HEADER.length)) {
            throw new IllegalArgumentException("not a PKCS#8 RSA key");
        }
        position[0] += RSA_PKCS8_HEADER.length;
        expect(pkcs8, position, 0x04);
        int length = readLength(pkcs8, position);
        return Arrays.copyOfRange(pkcs8, position[0], position[0] + length);
    }

    private static void expect(byte[] der, int[] position, int tag) {
        if ((der[position[0]++] & 0xFF) != tag) {
            throw new IllegalArgumentException("not a PKCS#8 RSA key");
        }
    }

    private static int readLength(byte[] der, int[] position) {
        int first = der[position[0]++] & 0xFF;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7F); i++) {
            length = (length << 8) | (der[position[0]++] & 0xFF);
        }
        return length;
    }

    private static byte[] length(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        byte[] digits = BigInteger.valueOf(length).toByteArray();
        int start = digits[0] == 0 ? 1 : 0;
        byte[] encoded = new byte[digits.length - start + 1];
        encoded[0] = (byte) (0x80 | (digits.length - start));
        System.arraycopy(digits, start, encoded, 1, digits.length - start);
        return encoded;
    }
}
