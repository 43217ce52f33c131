package io.github.fakeims.benchmarks;

import java.util.Optional;

/**
 * One number the harness produced, e.g. {@code load.exchange.c16.throughput_per_s}. Child JVMs print
 * them as {@code MEASURE <name> <value> <unit>} lines; the orchestrating JVM parses them back.
 */
public record Measurement(String name, double value, String unit) {

    private static final String PREFIX = "MEASURE ";

    /** Prints this measurement for the parent JVM to {@link #parse}. */
    public void print() {
        System.out.println(PREFIX + name + " " + value + " " + unit);
        System.out.flush();
    }

    public static void print(String name, double value, String unit) {
        new Measurement(name, value, unit).print();
    }

    public static Optional<Measurement> parse(String line) {
        if (!line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = line.substring(PREFIX.length()).trim().split(" ");
        if (parts.length != 3) {
            throw new IllegalArgumentException("malformed measurement line: " + line);
        }
        return Optional.of(new Measurement(parts[0], Double.parseDouble(parts[1]), parts[2]));
    }

    /** The section it belongs to: the first part of its name ({@code load}, {@code memory}, …). */
    public String section() {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
