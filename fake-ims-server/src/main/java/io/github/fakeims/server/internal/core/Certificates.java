package io.github.fakeims.server.internal.core;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** How the admin API names a certificate (SHA-256 fingerprint), how many a PEM text holds, and which keys are strong enough. */
public final class Certificates {

    /** The shortest RSA modulus accepted: the Developer Console issues 2048-bit keys. */
    public static final int MIN_RSA_BITS = 2048;
    /** The smallest RSA public exponent accepted (e=3 and other tiny ones are refused). */
    public static final BigInteger MIN_RSA_EXPONENT = BigInteger.valueOf(65537);

    private Certificates() {
    }

    /** How many {@code BEGIN CERTIFICATE} blocks a PEM text holds (a parser would silently take the first). */
    public static int pemCertificateCount(String pem) {
        int count = 0;
        for (int at = pem.indexOf("-----BEGIN CERTIFICATE-----"); at >= 0; at = pem.indexOf("-----BEGIN CERTIFICATE-----", at + 1)) {
            count++;
        }
        return count;
    }

    /** Whether a key may verify a JWT: an RSA key of at least {@link #MIN_RSA_BITS} bits and exponent {@link #MIN_RSA_EXPONENT}. */
    public static boolean strongRsaKey(PublicKey key) {
        return key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() >= MIN_RSA_BITS
                && rsa.getPublicExponent().compareTo(MIN_RSA_EXPONENT) >= 0;
    }

    public static String sha256Fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }
}
