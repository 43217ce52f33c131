package io.github.fakeims.benchmarks.coldstart;

import io.github.fakeims.benchmarks.Measurement;

/**
 * What every contender's child main prints once it holds its first token: a marker line the parent
 * timestamps on arrival (process launch to token), then the in-JVM times.
 */
final class FirstToken {

    static final String MARKER = "FIRST_TOKEN";

    private FirstToken() {
    }

    /**
     * @param mainStarted  {@link System#nanoTime()} on entering main
     * @param serverReady  when the server was started and configured (stubs registered, credential added)
     * @param token        the access token received, proof the request worked
     */
    static void report(long mainStarted, long serverReady, String token) {
        long tokenAt = System.nanoTime();
        if (token.isBlank()) {
            throw new IllegalStateException("empty access token");
        }
        System.out.println(MARKER);
        System.out.flush();
        Measurement.print("in_jvm_start_to_token_ms", (tokenAt - mainStarted) / 1e6, "ms");
        Measurement.print("in_jvm_start_to_ready_ms", (serverReady - mainStarted) / 1e6, "ms");
    }
}
