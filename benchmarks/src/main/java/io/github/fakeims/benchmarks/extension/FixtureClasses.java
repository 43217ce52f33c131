package io.github.fakeims.benchmarks.extension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Generates, compiles and loads the fixture test classes: {@code WithExtensionN}, registered with
 * {@code @ExtendWith(AdobeImsExtension.class)} and taking the injected credential, and {@code PlainN},
 * the same tests without the extension. Their tests do next to nothing, so the difference between a
 * pair is the extension's cost.
 */
final class FixtureClasses {

    private static final String PACKAGE = "benchmark.fixtures";
    /** What every fixture test calls: enough work that the test is not empty, no more. */
    private static final String CHECK = "    static void check(String value) { if (value.isEmpty()) throw new AssertionError(); }\n";

    private final ClassLoader loader;

    private FixtureClasses(ClassLoader loader) {
        this.loader = loader;
    }

    /** Compiles {@code pairs} pairs of fixtures with {@code tests} tests each, plus one plain warm-up class. */
    static FixtureClasses compile(Path dir, int pairs, int tests) {
        try {
            Path sources = Files.createDirectories(dir.resolve("src"));
            Path classes = Files.createDirectories(dir.resolve("classes"));
            List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none", "-nowarn",
                    "-cp", System.getProperty("java.class.path")));
            arguments.add(write(sources, "Warmup", plain("Warmup", tests)).toString());
            for (int i = 1; i <= pairs; i++) {
                arguments.add(write(sources, "WithExtension" + i, withExtension("WithExtension" + i, tests)).toString());
                arguments.add(write(sources, "Plain" + i, plain("Plain" + i, tests)).toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            if (javac == null) {
                throw new IllegalStateException("no Java compiler: run the benchmarks on a JDK, not a JRE");
            }
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            if (javac.run(null, null, errors, arguments.toArray(String[]::new)) != 0) {
                throw new IllegalStateException("fixtures do not compile:\n" + errors.toString(StandardCharsets.UTF_8));
            }
            return new FixtureClasses(new URLClassLoader(new URL[] {classes.toUri().toURL()},
                    FixtureClasses.class.getClassLoader()));
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the generated sources and classes. */
    static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    Class<?> warmup() {
        return load("Warmup");
    }

    Class<?> withExtension(int index) {
        return load("WithExtension" + index);
    }

    Class<?> plain(int index) {
        return load("Plain" + index);
    }

    private Class<?> load(String simpleName) {
        try {
            return Class.forName(PACKAGE + "." + simpleName, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String withExtension(String name, int tests) {
        StringBuilder source = new StringBuilder("package " + PACKAGE + ";\n\n"
                + "@org.junit.jupiter.api.extension.ExtendWith(io.github.fakeims.junit.AdobeImsExtension.class)\n"
                + "public class " + name + " {\n");
        for (int i = 1; i <= tests; i++) {
            source.append("    @org.junit.jupiter.api.Test\n    void test").append(i)
                    .append("(io.github.fakeims.junit.DeveloperCredential credential) { check(credential.clientId()); }\n");
        }
        return source.append(CHECK).append("}\n").toString();
    }

    private static String plain(String name, int tests) {
        StringBuilder source = new StringBuilder("package " + PACKAGE + ";\n\npublic class " + name + " {\n");
        for (int i = 1; i <= tests; i++) {
            source.append("    @org.junit.jupiter.api.Test\n    void test").append(i).append("() { check(\"plain\"); }\n");
        }
        return source.append(CHECK).append("}\n").toString();
    }

    private static Path write(Path dir, String name, String source) throws IOException {
        return Files.writeString(dir.resolve(name + ".java"), source);
    }
}
