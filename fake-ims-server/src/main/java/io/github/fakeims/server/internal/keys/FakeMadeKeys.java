package io.github.fakeims.server.internal.keys;

import java.security.PrivateKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The private keys the fake holds, by client id: those it made (the demo credential, {@code generate}),
 * those its configuration or an imported file handed it. Only credential exports read them. Bounded: past
 * {@link #MAX_KEYS} the oldest made at run time is forgotten (the configured ones stay); a removed
 * credential's key is forgotten with it.
 */
public final class FakeMadeKeys {

    static final int MAX_KEYS = 1000;

    private final Map<String, PrivateKey> configured;
    private final LinkedHashMap<String, PrivateKey> keys = new LinkedHashMap<>();

    public FakeMadeKeys(Map<String, PrivateKey> configured) {
        this.configured = Map.copyOf(configured);
        keys.putAll(configured);
    }

    /** Remembers the key the fake made (or was given) for a credential, replacing an older one. */
    public synchronized void remember(String clientId, PrivateKey key) {
        keys.remove(clientId);
        keys.put(clientId, key);
        var oldest = keys.keySet().iterator();
        while (keys.size() > MAX_KEYS + configured.size() && oldest.hasNext()) {
            if (!configured.containsKey(oldest.next())) {
                oldest.remove();
            }
        }
    }

    public synchronized Optional<PrivateKey> find(String clientId) {
        return Optional.ofNullable(keys.get(clientId));
    }

    /** Forgets a removed credential's key. */
    public synchronized void forget(String clientId) {
        keys.remove(clientId);
    }

    /** Back to the configured keys. */
    public synchronized void reset() {
        keys.clear();
        keys.putAll(configured);
    }

    synchronized int size() {
        return keys.size();
    }
}
