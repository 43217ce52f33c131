package io.github.fakeims.junit.internal;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * RSA-2048 key pairs for throwaway credentials. Generating one costs ~100 ms, so a run shares a small
 * pool: the first key is made when first asked for, the rest in a background thread, and callers
 * take them in turn — never waiting for one that is still being made.
 */
public final class KeyPairPool {

    private static final int SIZE = 4;
    private static final AtomicInteger NEXT = new AtomicInteger();

    private KeyPairPool() {
    }

    private static final class Keys {
        static final KeyPair FIRST = generate();
        @SuppressWarnings("unchecked")
        static final CompletableFuture<KeyPair>[] POOL = new CompletableFuture[SIZE];

        static {
            ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "fake-ims-keygen");
                thread.setDaemon(true);
                thread.setPriority(Thread.MIN_PRIORITY);
                return thread;
            });
            POOL[0] = CompletableFuture.completedFuture(FIRST);
            for (int i = 1; i < SIZE; i++) {
                POOL[i] = CompletableFuture.supplyAsync(KeyPairPool::generate, background);
            }
            background.shutdown();
        }
    }

    /** A key pair from the pool; consecutive calls spread over the pool's keys once they exist. */
    public static KeyPair next() {
        CompletableFuture<KeyPair> candidate = Keys.POOL[Math.floorMod(NEXT.getAndIncrement(), SIZE)];
        return candidate.isDone() && !candidate.isCompletedExceptionally() ? candidate.join() : Keys.FIRST;
    }

    /**
     * Runs {@code prepare} for each pooled key once it exists, on the background thread that made it (or
     * on that thread's successor when the key was made before): work a key always needs, such as its
     * default certificate, is then off the per-class path too.
     */
    public static void prepareEach(Consumer<KeyPair> prepare) {
        for (CompletableFuture<KeyPair> key : Keys.POOL) {
            key.thenAcceptAsync(prepare, PREPARING);
        }
    }

    private static final Executor PREPARING = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fake-ims-keygen-prepare");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
    });

    /** A key pair that no pooled credential uses, for "signed by another key" cases. Slow: made on each call. */
    public static KeyPair fresh() {
        return generate();
    }

    static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM cannot generate RSA keys", e);
        }
    }
}
