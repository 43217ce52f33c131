package io.github.fakeims.junit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * RSA-2048 key pairs for throwaway credentials, a different one on every call: a test that checks "another
 * key is refused" must never pass because the other key is the same key.
 *
 * <p>A fresh key pair costs ~80 ms (two 1024-bit primes), more than a test class may add. So the pool
 * keeps 1024-bit primes and makes each key pair from a pair of them that no earlier key used: {@code n}
 * primes give {@code n(n-1)/2} distinct keys (distinct moduli and private exponents), and a key from
 * primes already made costs well under a millisecond. It starts with the {@value #PRIMES_RESOURCE} this
 * library ships (64 primes, 2,016 keys, taken in an order shuffled per JVM), so a test run pays for no
 * prime until it has used them all; then it makes more. Anyone with this library can therefore factor
 * these keys: they are for tests against a fake, never for anything else.
 *
 * <p>A daemon thread keeps a few keys ready ahead of demand (twice as many as were taken so far, from
 * {@value #MIN_READY} up to {@value #MAX_READY}), running each {@link #prepareEach preparer} on them, so
 * a caller normally takes a prepared key; one that finds none waits briefly for the key the thread is
 * making (rather than making a second one beside it), else makes its own, never a shared one. The thread
 * tops the stock up when told the moment suits ({@link #refill()}) or when half of it is gone.
 */
public final class KeyPairPool {

    static final int MIN_READY = 4;
    static final int MAX_READY = 8;
    static final String PRIMES_RESOURCE = "primes.txt";
    /** How long a caller that finds no key ready waits for the one being made before making its own. */
    private static final long WAIT_FOR_READY_MILLIS = 50;
    private static final BigInteger E = RSAKeyGenParameterSpec.F4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final List<Consumer<KeyPair>> PREPARERS = new CopyOnWriteArrayList<>();
    private static final Object LOCK = new Object();
    /** Guarded by {@link #LOCK}. */
    private static final List<BigInteger> PRIMES = shippedPrimes();
    /** Guarded by {@link #LOCK}: keys made ahead and prepared, oldest first. */
    private static final Deque<KeyPair> READY = new ArrayDeque<>();
    /** Guarded by {@link #LOCK}: the next unused pair is (primes[i], primes[j]) with i < j. */
    private static int pairI;
    private static int pairJ = 1;
    private static long taken;
    private static Thread background;

    private KeyPairPool() {
    }

    /** A key pair no earlier call returned: a prepared one if the background thread has one ready. */
    public static KeyPair next() {
        synchronized (LOCK) {
            taken++;
            boolean warm = background != null; // a thread only now starting loads its classes first: not worth a wait
            startBackground();
            if (READY.size() <= wanted() / 2) {
                LOCK.notifyAll(); // half the stock is gone (or a caller will wait): refill now, not at the next refill()
            }
            long deadline = System.nanoTime() + WAIT_FOR_READY_MILLIS * 1_000_000;
            long left;
            while (warm && READY.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                try {
                    LOCK.wait(Math.max(1, left / 1_000_000)); // the thread is making one: a second beside it would slow both
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            KeyPair ready = READY.pollFirst();
            if (ready != null) {
                return ready;
            }
        }
        return make();
    }

    /**
     * A good moment to make keys: the caller is about to wait. The extension calls it as a test class's fake
     * closes (its thread then waits for the fake's threads to stop). Woken by every take instead, the thread
     * took the core of the class that had just started, in the middle of its work: on two busy cores a take
     * then cost 1-5 ms, the key's work beside the class more (BENCHMARKS.md, "Distinct keys, found").
     */
    public static void refill() {
        synchronized (LOCK) {
            if (background != null && READY.size() < wanted()) {
                LOCK.notifyAll();
            }
        }
    }

    /**
     * Runs {@code prepare} on every key made ahead, on the background thread, before it is handed out:
     * work a key always needs, such as its default certificate, is then off the caller's path too.
     */
    public static void prepareEach(Consumer<KeyPair> prepare) {
        PREPARERS.add(prepare);
    }

    /** A key pair of two primes of its own, shared with no pooled key. Slow: ~80 ms on each call. */
    public static KeyPair fresh() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM cannot generate RSA keys", e);
        }
    }

    /** A key from the next unused pair of primes, making a prime first when every pair is used. */
    private static KeyPair make() {
        BigInteger p;
        BigInteger q;
        while (true) {
            synchronized (LOCK) {
                if (pairJ < PRIMES.size()) {
                    p = PRIMES.get(pairJ);
                    q = PRIMES.get(pairI);
                    if (++pairI == pairJ) {
                        pairI = 0;
                        pairJ++;
                    }
                    break;
                }
            }
            BigInteger prime = prime(); // outside the lock: others may take keys meanwhile
            synchronized (LOCK) {
                if (!PRIMES.contains(prime)) {
                    PRIMES.add(prime);
                }
            }
        }
        return keyPair(p, q);
    }

    /** The shipped primes, shuffled so that each JVM takes its keys in an order of its own. */
    private static List<BigInteger> shippedPrimes() {
        try (InputStream in = KeyPairPool.class.getResourceAsStream(PRIMES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(PRIMES_RESOURCE + " is missing from the fake-ims-junit5 jar");
            }
            List<BigInteger> primes = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.isBlank()) {
                    primes.add(new BigInteger(line.strip(), 16));
                }
            }
            Collections.shuffle(primes, RANDOM);
            return primes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PRIMES_RESOURCE + " from the fake-ims-junit5 jar", e);
        }
    }

    /** A 1024-bit prime with its top two bits set (so any two multiply to 2048 bits) and e coprime to p-1. */
    private static BigInteger prime() {
        while (true) {
            BigInteger candidate = BigInteger.probablePrime(1024, RANDOM);
            if (candidate.testBit(1022) && candidate.subtract(BigInteger.ONE).gcd(E).equals(BigInteger.ONE)) {
                return candidate;
            }
        }
    }

    static KeyPair keyPair(BigInteger p, BigInteger q) {
        BigInteger n = p.multiply(q);
        BigInteger pMinus1 = p.subtract(BigInteger.ONE);
        BigInteger qMinus1 = q.subtract(BigInteger.ONE);
        BigInteger d = privateExponent(pMinus1.multiply(qMinus1));
        try {
            KeyFactory factory = KeyFactory.getInstance("RSA");
            PublicKey publicKey = factory.generatePublic(new RSAPublicKeySpec(n, E));
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) factory.generatePrivate(new RSAPrivateCrtKeySpec(n, E, d, p, q,
                    d.mod(pMinus1), d.mod(qMinus1), q.modInverse(p)));
            return new KeyPair(publicKey, privateKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make RSA keys", e);
        }
    }

    /**
     * {@code d} with {@code e·d ≡ 1 (mod φ)}, i.e. {@code d = (1 + kφ) / e} for the {@code k < e} that makes it whole:
     * one small inverse (mod e) instead of {@code e.modInverse(λ)} on 2,048 bits, which cost a key made in a young
     * JVM 0.7-3.8 ms of its ~1-4 ms (BENCHMARKS.md). A {@code d} modulo φ is as valid as one modulo λ, which divides φ.
     */
    static BigInteger privateExponent(BigInteger phi) {
        BigInteger k = E.subtract(phi.mod(E).modInverse(E)); // k ≡ -φ⁻¹ (mod e), so e divides 1 + kφ
        return phi.multiply(k).add(BigInteger.ONE).divide(E);
    }

    /** Guarded by {@link #LOCK}. */
    private static void startBackground() {
        if (background == null) {
            background = new Thread(KeyPairPool::keepReady, "fake-ims-keygen");
            background.setDaemon(true);
            background.start();
        }
    }

    /**
     * Tops up the ready keys to twice the keys taken so far (within bounds), and keeps a few unused pairs of
     * primes besides (so a caller that finds no ready key need not make a prime), then waits to be told to refill.
     * Primes are most of the work (~30 ms each), so it makes no more than that asks for.
     */
    private static void keepReady() {
        try {
            while (true) {
                boolean morePairs;
                synchronized (LOCK) {
                    while (READY.size() >= wanted() && unusedPairs() >= MIN_READY) {
                        LOCK.wait();
                    }
                    morePairs = READY.size() >= wanted();
                }
                if (morePairs) {
                    BigInteger prime = prime();
                    synchronized (LOCK) {
                        if (!PRIMES.contains(prime)) {
                            PRIMES.add(prime);
                        }
                    }
                    continue;
                }
                KeyPair key = make();
                for (Consumer<KeyPair> prepare : PREPARERS) {
                    try {
                        prepare.accept(key);
                    } catch (RuntimeException e) {
                        // unprepared: the caller does that work itself when it takes the key
                    }
                }
                synchronized (LOCK) {
                    READY.addLast(key);
                    LOCK.notifyAll(); // a caller may be waiting for it
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // a daemon: only a JVM shutting down interrupts it
        }
    }

    /** Guarded by {@link #LOCK}: pairs of primes no key used yet. */
    private static long unusedPairs() {
        long n = PRIMES.size();
        long used = (long) pairJ * (pairJ - 1) / 2 + pairI;
        return Math.max(0, n * (n - 1) / 2 - used);
    }

    /** Guarded by {@link #LOCK}. */
    private static long wanted() {
        return Math.max(MIN_READY, Math.min(MAX_READY, 2 * taken));
    }
}
