package io.github.fakeims.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPrivateKeySpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyPairPoolTest {

    @Test
    void theShippedPrimesAreDistinct1024BitPrimesThatMake2048BitKeysForE65537() throws Exception {
        List<BigInteger> primes;
        try (InputStream in = KeyPairPool.class.getResourceAsStream(KeyPairPool.PRIMES_RESOURCE)) {
            assertThat(in).as(KeyPairPool.PRIMES_RESOURCE).isNotNull();
            primes = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().map(line -> new BigInteger(line, 16)).toList();
        }

        assertThat(primes).hasSize(64).doesNotHaveDuplicates().allSatisfy(p -> {
            assertThat(p.bitLength()).isEqualTo(1024);
            assertThat(p.testBit(1022)).as("second-highest bit, so that any two multiply to 2048 bits").isTrue();
            assertThat(p.isProbablePrime(100)).isTrue();
            assertThat(p.subtract(BigInteger.ONE).gcd(RSAKeyGenParameterSpec.F4)).isEqualTo(BigInteger.ONE);
        });
    }

    @Test
    void everyKeyTakenHasAModulusOfItsOwnAndSignsForItsPublicKey() throws Exception {
        Set<BigInteger> moduli = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            KeyPair keys = KeyPairPool.next();
            BigInteger modulus = ((RSAPublicKey) keys.getPublic()).getModulus();
            assertThat(modulus.bitLength()).isEqualTo(2048);
            assertThat(((RSAPrivateCrtKey) keys.getPrivate()).getModulus()).isEqualTo(modulus);
            assertThat(moduli.add(modulus)).as("key %d has the modulus of an earlier key", i).isTrue();

            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(keys.getPrivate());
            signer.update(new byte[] {(byte) i});
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(keys.getPublic());
            verifier.update(new byte[] {(byte) i});
            assertThat(verifier.verify(signature)).isTrue();

            // the JDK signs with the CRT values above; d itself must be right too (a non-CRT key, PKCS#8 readers)
            RSAPrivateCrtKey crt = (RSAPrivateCrtKey) keys.getPrivate();
            BigInteger pMinus1 = crt.getPrimeP().subtract(BigInteger.ONE);
            BigInteger qMinus1 = crt.getPrimeQ().subtract(BigInteger.ONE);
            assertThat(crt.getPublicExponent().multiply(crt.getPrivateExponent()).mod(pMinus1)).isEqualTo(BigInteger.ONE);
            assertThat(crt.getPublicExponent().multiply(crt.getPrivateExponent()).mod(qMinus1)).isEqualTo(BigInteger.ONE);
            assertThat(crt.getPrimeExponentP()).isEqualTo(crt.getPrivateExponent().mod(pMinus1));
            assertThat(crt.getPrimeExponentQ()).isEqualTo(crt.getPrivateExponent().mod(qMinus1));
            assertThat(crt.getCrtCoefficient().multiply(crt.getPrimeQ()).mod(crt.getPrimeP())).isEqualTo(BigInteger.ONE);
            Signature plain = Signature.getInstance("SHA256withRSA");
            plain.initSign(KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateKeySpec(modulus, crt.getPrivateExponent())));
            plain.update(new byte[] {(byte) i});
            verifier.initVerify(keys.getPublic());
            verifier.update(new byte[] {(byte) i});
            assertThat(verifier.verify(plain.sign())).as("a signature made with d alone").isTrue();
        }
    }

    @Test
    void thePrivateExponentInvertsEModuloPhiForEveryPairOfShippedPrimes() throws Exception {
        List<BigInteger> primes;
        try (InputStream in = KeyPairPool.class.getResourceAsStream(KeyPairPool.PRIMES_RESOURCE)) {
            primes = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().map(line -> new BigInteger(line, 16)).toList();
        }
        for (int i = 1; i < primes.size(); i++) {
            BigInteger phi = primes.get(i).subtract(BigInteger.ONE).multiply(primes.get(i - 1).subtract(BigInteger.ONE));
            BigInteger d = KeyPairPool.privateExponent(phi);
            assertThat(RSAKeyGenParameterSpec.F4.multiply(d).mod(phi)).isEqualTo(BigInteger.ONE);
            assertThat(d).isPositive().isLessThan(phi);
        }
    }
}
