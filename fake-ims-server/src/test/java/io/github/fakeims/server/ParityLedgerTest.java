package io.github.fakeims.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/parity.md} true to the tests: every row of the evidence file is there, each with a
 * verdict and at least one test, and every {@code Class#method} it names is a test method in one of the
 * modules' test sources (renaming or deleting a test fails here until the ledger follows).
 */
class ParityLedgerTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path LEDGER = ROOT.resolve("docs/parity.md");
    /** The rows of ims-evidence.md (2026-12-01): section letter and how many rows it has. */
    private static final Map<String, Integer> EVIDENCE_ROWS = Map.of("A", 25, "B", 4, "C", 8, "D", 7, "E", 14, "F", 13);
    private static final Pattern ROW = Pattern.compile("^\\| ([A-FP]\\d+) \\|(.*)\\|$");
    private static final Pattern TEST = Pattern.compile("`([A-Z][A-Za-z0-9]*)#([a-z][A-Za-z0-9]*)`");

    private record Row(String id, List<String> cells) {
        String verdict() {
            return cells.get(cells.size() - 2).trim();
        }

        String tests() {
            return cells.get(cells.size() - 1);
        }
    }

    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (String line : read(LEDGER).split("\n")) {
            Matcher row = ROW.matcher(line.strip());
            if (row.matches()) {
                rows.add(new Row(row.group(1), List.of(row.group(2).split(" \\| ", -1))));
            }
        }
        return rows;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> testSource(String className) {
        try (Stream<Path> files = Files.walk(ROOT, 12)) {
            return files.filter(path -> path.toString().contains("/src/test/java/"))
                    .filter(path -> path.getFileName().toString().equals(className + ".java"))
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theLedgerHasEveryRowOfTheEvidenceFileOnceAndTheProtocolRowsInOrder() {
        List<String> ids = rows().stream().map(Row::id).toList();

        List<String> expected = new ArrayList<>();
        for (String section : List.of("A", "B", "C", "D", "E", "F")) {
            for (int i = 1; i <= EVIDENCE_ROWS.get(section); i++) {
                expected.add(section + i);
            }
        }
        long protocolRows = ids.stream().filter(id -> id.startsWith("P")).count();
        for (int i = 1; i <= protocolRows; i++) {
            expected.add("P" + i);
        }
        assertThat(ids).containsExactlyElementsOf(expected);
        assertThat(protocolRows).isGreaterThanOrEqualTo(20);
    }

    @Test
    void everyRowHasAVerdictAndADeviationSaysWhy() {
        assertThat(rows()).allSatisfy(row -> {
            assertThat(row.cells()).as(row.id()).hasSize(5);
            assertThat(row.verdict()).as(row.id()).matches("(confirmed|chosen|deviates).*");
            if (row.verdict().startsWith("deviates")) {
                assertThat(row.verdict()).as(row.id() + " says why it deviates").matches("deviates[ :(].{10,}");
            }
        });
    }

    @Test
    void everyTestTheLedgerNamesExistsAsATestMethod() {
        Map<String, String> sources = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        int named = 0;
        for (Row row : rows()) {
            Matcher test = TEST.matcher(row.tests());
            int inRow = 0;
            while (test.find()) {
                inRow++;
                String className = test.group(1);
                String source = sources.computeIfAbsent(className, name -> testSource(name).map(ParityLedgerTest::read).orElse(""));
                if (!Pattern.compile("void " + test.group(2) + "\\(").matcher(source).find()) {
                    missing.add(row.id() + ": " + className + "#" + test.group(2)
                            + (source.isEmpty() ? " (no such test class)" : " (no such method)"));
                }
            }
            assertThat(inRow).as("%s names a test", row.id()).isPositive();
            named += inRow;
        }
        assertThat(missing).as("tests the ledger names that do not exist").isEmpty();
        assertThat(named).isGreaterThan(100);
    }
}
