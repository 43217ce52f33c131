package io.github.fakeims.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes a report as JSON: the machine, every measurement by name, and the target verdicts. */
public final class ResultsFile {

    private ResultsFile() {
    }

    public static void write(Report report, Path file) {
        List<String> measurements = new ArrayList<>();
        report.measurements().values().forEach(m -> measurements.add("    " + string(m.name()) + ": {\"value\": " + number(m.value())
                + ", \"unit\": " + string(m.unit()) + "}"));
        List<String> targets = new ArrayList<>();
        report.targets().forEach(t -> targets.add("    {\"section\": " + string(t.section()) + ", \"target\": " + string(t.what())
                + ", \"measured\": " + number(t.measured()) + ", \"shown\": " + string(t.shown())
                + ", \"threshold\": " + string(t.target()) + ", \"verdict\": " + string(t.verdict().name().toLowerCase(Locale.ROOT)) + "}"));
        Machine machine = report.machine();
        String json = "{\n"
                + "  \"mode\": " + string(report.settings().mode()) + ",\n"
                + "  \"finishedAt\": " + string(Instant.now().toString()) + ",\n"
                + "  \"tookSeconds\": " + report.took().toSeconds() + ",\n"
                + "  \"machine\": {\"cores\": " + machine.cores() + ", \"cpu\": " + string(machine.cpu())
                + ", \"java\": " + string(machine.java()) + ", \"os\": " + string(machine.os()) + "},\n"
                + "  \"measurements\": {\n" + String.join(",\n", measurements) + "\n  },\n"
                + "  \"targets\": [\n" + String.join(",\n", targets) + "\n  ]\n"
                + "}\n";
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6g", value) : "null";
    }

    private static String string(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
