package io.github.fakeims.benchmarks.coldstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every contender shares one Maven class path holding all three servers and their ~100 jars, and a long
 * class path slows class loading for whoever runs on it. To race each contender on its own footing, a
 * probe run logs where every class came from ({@code -Xlog:class+load}); the contender then runs on
 * just those entries, in their original order.
 */
final class TrimmedClassPath {

    private static final Pattern SOURCE = Pattern.compile("source: (file:\\S+)");

    private TrimmedClassPath() {
    }

    /** The JVM option that makes a child write its class-load log to {@code log}. */
    static String logOption(Path log) {
        return "-Xlog:class+load=info:file=" + log;
    }

    /** The entries of {@code fullClassPath} that the logged run loaded at least one class from. */
    static String fromLog(String fullClassPath, Path log) {
        Set<Path> used;
        try (var lines = Files.lines(log)) {
            used = lines.map(SOURCE::matcher)
                    .filter(Matcher::find)
                    .map(match -> normalize(fileOf(match.group(1))))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Arrays.stream(fullClassPath.split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isBlank() && used.contains(normalize(Path.of(entry))))
                .collect(Collectors.joining(java.io.File.pathSeparator));
    }

    static int entries(String classPath) {
        return classPath.isBlank() ? 0 : classPath.split(java.io.File.pathSeparator).length;
    }

    private static Path fileOf(String fileUrl) {
        try {
            return Path.of(URI.create(fileUrl));
        } catch (IllegalArgumentException notEncoded) {
            return Path.of(fileUrl.substring("file:".length()));
        }
    }

    private static Path normalize(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
