package io.github.fakeims.server;

import java.util.List;

/**
 * The scripted faults waiting to hit calls. Each call takes the first pending fault that matches it
 * (faults are consumed in the order they were added); the journal entry names the fault applied.
 */
public interface Faults {

    /** Adds a fault behind those already pending. */
    void add(Fault fault);

    /** The faults still pending, in order, each with the calls or time it has left. */
    List<Fault> pending();

    /** Removes every pending fault. */
    void clear();
}
