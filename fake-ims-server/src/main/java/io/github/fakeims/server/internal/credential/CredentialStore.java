package io.github.fakeims.server.internal.credential;

import io.github.fakeims.server.Credential;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** The credentials the fake knows, by client id. Thread-safe. */
public final class CredentialStore {

    private final Map<String, Credential> byClientId = new ConcurrentHashMap<>();

    public CredentialStore(Collection<Credential> initial) {
        initial.forEach(this::put);
    }

    /** Registers a credential, replacing any with the same client id. */
    public void put(Credential credential) {
        byClientId.put(credential.clientId(), credential);
    }

    public Optional<Credential> find(String clientId) {
        return Optional.ofNullable(byClientId.get(clientId));
    }

    /**
     * Replaces a credential with {@code change} of it, atomically; an exception from {@code change}
     * leaves it as it was.
     *
     * @throws NoSuchElementException when no credential has this client id
     */
    public Credential update(String clientId, UnaryOperator<Credential> change) {
        Credential updated = byClientId.computeIfPresent(clientId, (id, credential) -> change.apply(credential));
        if (updated == null) {
            throw new NoSuchElementException("no credential has client_id " + clientId + " (" + describeClientIds() + ")");
        }
        return updated;
    }

    /**
     * Back to exactly these credentials. Each is put over its old entry (never removed first) and only the
     * others are removed, so a request for one of them never finds it missing while a reset runs.
     */
    public synchronized void replaceAll(Collection<Credential> credentials) {
        credentials.forEach(this::put);
        java.util.Set<String> kept = credentials.stream().map(Credential::clientId).collect(Collectors.toSet());
        byClientId.keySet().removeIf(id -> !kept.contains(id));
    }

    public boolean remove(String clientId) {
        return byClientId.remove(clientId) != null;
    }

    public List<Credential> all() {
        return List.copyOf(byClientId.values());
    }

    /** A few registered client ids, for error reasons. */
    public String describeClientIds() {
        if (byClientId.isEmpty()) {
            return "no credential is registered";
        }
        String ids = byClientId.keySet().stream().sorted().limit(5).collect(Collectors.joining(", "));
        return "registered: " + ids + (byClientId.size() > 5 ? ", ..." : "");
    }
}
