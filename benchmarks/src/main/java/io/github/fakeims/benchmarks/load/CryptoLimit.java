package io.github.fakeims.benchmarks.load;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The ceiling for the load numbers: the crypto an exchange cannot avoid on the server, one RS256 verify
 * of the client's JWT and one RS256 sign of the access token (a {@code client_credentials} token: the
 * sign alone), with nimbus on 2048-bit keys, as many threads as there are cores. No HTTP, no parsing.
 */
public final class CryptoLimit {

    private final RSASSAVerifier verifier;
    private final JWSHeader clientHeader;
    private final byte[] clientSigningInput;
    private final Base64URL clientSignature;
    private final RSASSASigner signer;
    private final JWSHeader tokenHeader;
    private final byte[] tokenSigningInput;

    /**
     * @param clientJwt a JWT as clients send it, signed by the key of {@code clientKey}
     */
    public CryptoLimit(String clientJwt, RSAPublicKey clientKey) {
        try {
            SignedJWT jwt = SignedJWT.parse(clientJwt);
            this.verifier = new RSASSAVerifier(clientKey);
            this.clientHeader = jwt.getHeader();
            this.clientSigningInput = jwt.getSigningInput();
            this.clientSignature = jwt.getSignature();
            RSAKey tokenKey = new RSAKeyGenerator(2048).keyID("limit").generate();
            this.signer = new RSASSASigner(tokenKey);
            this.tokenHeader = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("limit").build();
            // An access-token-sized payload; RSA's cost hardly depends on it (it signs a SHA-256 digest).
            this.tokenSigningInput = (tokenHeader.toBase64URL() + "." + Base64URL.encode("x".repeat(600)))
                    .getBytes(StandardCharsets.US_ASCII);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("cannot set up the crypto limit", e);
        }
        if (!verify()) {
            throw new IllegalStateException("the client JWT does not verify with the given key");
        }
    }

    /** Verifies the client JWT's signature. */
    public boolean verify() {
        try {
            return verifier.verify(clientHeader, clientSigningInput, clientSignature);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs a token-sized payload. */
    public void sign() {
        try {
            signer.sign(tokenHeader, tokenSigningInput);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What one {@code /ims/exchange/jwt} costs in crypto. */
    public void exchange() {
        if (!verify()) {
            throw new IllegalStateException("verification failed");
        }
        sign();
    }

    /** Operations per second of {@code operation} on {@code threads} threads, after a warm-up. */
    public static double operationsPerSecond(Runnable operation, int threads, Duration warmup, Duration measure) {
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long measureUntil = measureFrom + measure.toNanos();
        LongAdder done = new LongAdder();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(() -> {
                for (long now = System.nanoTime(); now < measureUntil; now = System.nanoTime()) {
                    operation.run();
                    if (now >= measureFrom && System.nanoTime() <= measureUntil) {
                        done.increment();
                    }
                }
            }, "crypto-limit-" + i);
            worker.setDaemon(true);
            workers.add(worker);
        }
        workers.forEach(Thread::start);
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return done.sum() / (measure.toNanos() / 1e9);
    }
}
