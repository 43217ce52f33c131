package io.github.fakeims.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakeims.server.packagefixture.internal.a.A;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The JDK's own {@code jdeps} finds no package cycle among the server's packages, the public one
 * included: the public package is the API and model, the implementation under {@code internal} depends
 * on it and it reaches the implementation only through {@link FakeImsImplementation}. (ArchUnit checks the
 * same in {@link PackageStructureTest}; this is the check the issue names, on the compiled classes.)
 * The same analysis run over the test fixture, which has cycles, must find them.
 */
class NoPackageCyclesTest {

    private static final String SERVER = "io.github.fakeims.server";
    /** {@code jdeps -verbose:package} lines: {@code   from   ->   to   where}. */
    private static final Pattern EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+.*$");

    @Test
    void jdepsFindsNoCycleAmongTheServersPackages() {
        Map<String, Set<String>> graph = packageGraph(classesOf(FakeImsServer.class), SERVER);

        assertThat(graph).containsKeys(SERVER, SERVER + ".internal", SERVER + ".internal.admin");
        assertThat(cycles(graph)).as("package cycles (each a strongly connected set of packages)").isEmpty();
    }

    @Test
    void theSameAnalysisFindsTheFixturesCycles() {
        String fixture = SERVER + ".packagefixture";
        List<Set<String>> cycles = cycles(packageGraph(classesOf(A.class), fixture));

        assertThat(cycles).containsExactlyInAnyOrder(
                Set.of(fixture, fixture + ".internal.impl"),
                Set.of(fixture + ".internal", fixture + ".internal.a", fixture + ".internal.b"));
    }

    private static Path classesOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Package → the packages it uses, as jdeps reads them from the bytecode, for packages under {@code root} only. */
    private static Map<String, Set<String>> packageGraph(Path classes, String root) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new IllegalStateException("this JDK has no jdeps"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", "-filter:none", classes.toString());
        assertThat(status).as("jdeps exit status; stderr: %s", err).isZero();

        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : out.toString().split("\\R")) {
            Matcher edge = EDGE.matcher(line);
            if (edge.matches() && isUnder(edge.group(1), root)) {
                Set<String> uses = graph.computeIfAbsent(edge.group(1), pkg -> new TreeSet<>());
                if (isUnder(edge.group(2), root) && !edge.group(2).equals(edge.group(1))) {
                    uses.add(edge.group(2));
                }
            }
        }
        return graph;
    }

    private static boolean isUnder(String pkg, String root) {
        return pkg.equals(root) || pkg.startsWith(root + ".");
    }

    /** The strongly connected components of more than one package (Tarjan's algorithm). */
    private static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        return new Object() {
            final Map<String, Integer> index = new HashMap<>();
            final Map<String, Integer> lowLink = new HashMap<>();
            final Deque<String> stack = new ArrayDeque<>();
            final Set<String> onStack = new TreeSet<>();
            final List<Set<String>> found = new ArrayList<>();

            List<Set<String>> run() {
                graph.keySet().forEach(pkg -> {
                    if (!index.containsKey(pkg)) {
                        visit(pkg);
                    }
                });
                return found;
            }

            void visit(String pkg) {
                index.put(pkg, index.size());
                lowLink.put(pkg, index.get(pkg));
                stack.push(pkg);
                onStack.add(pkg);
                for (String used : graph.getOrDefault(pkg, Set.of())) {
                    if (!index.containsKey(used)) {
                        visit(used);
                        lowLink.put(pkg, Math.min(lowLink.get(pkg), lowLink.get(used)));
                    } else if (onStack.contains(used)) {
                        lowLink.put(pkg, Math.min(lowLink.get(pkg), index.get(used)));
                    }
                }
                if (lowLink.get(pkg).equals(index.get(pkg))) {
                    Set<String> component = new TreeSet<>();
                    String member;
                    do {
                        member = stack.pop();
                        onStack.remove(member);
                        component.add(member);
                    } while (!member.equals(pkg));
                    if (component.size() > 1) {
                        found.add(component);
                    }
                }
            }
        }.run();
    }
}
