package io.github.fakeims.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns the measurements into the verdicts on issue 7's targets and the Markdown tables of BENCHMARKS.md.
 * Headline numbers are ratios measured side by side in one run; absolute times are context only.
 */
public final class Report {

    public enum Verdict { MET, MISSED, INFO, SKIPPED }

    /** One target of the issue, what was measured against it, and whether it holds. */
    public record TargetCheck(String section, String what, double measured, String shown, String target, Verdict verdict) {
    }

    static final String CONTAINER_SKIPPED = "skipped: no Docker engine or no fake-ims image (FAKE_IMS_IMAGE) where this ran";

    private final Settings settings;
    private final Machine machine;
    private final Map<String, Measurement> measurements = new LinkedHashMap<>();
    private final Duration took;

    public Report(Settings settings, Machine machine, List<Measurement> measurements, Duration took) {
        this.settings = settings;
        this.machine = machine;
        measurements.forEach(m -> this.measurements.put(m.name(), m));
        this.took = took;
    }

    public Map<String, Measurement> measurements() {
        return measurements;
    }

    public Settings settings() {
        return settings;
    }

    public Machine machine() {
        return machine;
    }

    public Duration took() {
        return took;
    }

    public List<TargetCheck> targets() {
        List<TargetCheck> checks = new ArrayList<>();
        for (String other : List.of("wiremock", "mock_oauth2_server")) {
            boolean wiremock = other.equals("wiremock");
            String name = wiremock ? "the WireMock stub's" : "mock-oauth2-server's";
            for (String kind : List.of("launch_to_token", "in_jvm_start_to_token")) {
                String what = (kind.equals("launch_to_token") ? "Process launch" : "In-JVM start") + " to first token, ours / " + name;
                double ratio = value("cold_start.ratio.fake_ims_vs_" + other + "." + kind);
                String shown = ratio(ratio) + " (" + ms(value("cold_start.fake_ims." + kind + "_ms")) + " vs "
                        + ms(value("cold_start." + other + "." + kind + "_ms")) + ")";
                checks.add(wiremock ? atMost("1 cold start", what, ratio, shown, 0.10, "≤ 0.10")
                        : below("1 cold start", what, ratio, shown, 1.0, "< 1"));
            }
        }
        for (String endpoint : List.of("exchange", "token")) {
            String label = endpoint.equals("exchange") ? "/ims/exchange/jwt" : "/ims/token/v3";
            String prefix = "load." + endpoint + ".c16.";
            double fraction = value(prefix + "fraction_of_crypto_limit");
            checks.add(atLeast("2 load", label + ", 16 clients: throughput / crypto limit", fraction,
                    ratio(fraction) + " (" + rate(value(prefix + "throughput_per_s")) + " of "
                            + rate(value(prefix + "crypto_limit_per_s")) + ")", 0.70, "≥ 0.70"));
            double spread = value(prefix + "p99_over_p50");
            checks.add(below("2 load", label + ", 16 clients: p99 / p50", spread,
                    ratio(spread) + " (" + ms(value(prefix + "p99_ms")) + " / " + ms(value(prefix + "p50_ms")) + ")", 5.0, "< 5"));
        }
        double first = value("extension.first_class_added_ms");
        checks.add(new TargetCheck("3 extension", "Added by the first class (key pair, class loading)", first, ms(first), "—", Verdict.INFO));
        double perClass = value("extension.per_class_added_ms");
        checks.add(below("3 extension", "Added per class after the first (median)", perClass, ms(perClass), 5.0, "< 5 ms"));
        double perTest = value("extension.per_test_added_ms");
        checks.add(below("3 extension", "Added per test (median)", perTest, ms(perTest), 1.0, "< 1 ms"));
        double perExchange = value("memory.retained_bytes_per_exchange");
        checks.add(atMost("4 memory", "Heap retained per exchange (= per token) after warm-up, "
                        + count(value("memory.exchanges")) + " exchanges", perExchange,
                String.format(Locale.ROOT, "%.0f B (heap %.1f → %.1f MB)", perExchange, value("memory.heap_after_warmup_mb"),
                        value("memory.heap_after_exchanges_mb")), 20, "flat: ≤ 20 B (2 MB per 100k)"));
        double perEntry = value("memory.bytes_per_journal_entry");
        checks.add(new TargetCheck("4 memory", "Heap per journal entry (+ per listed token), held "
                + count(value("memory.journal_entries")) + " by default", perEntry,
                String.format(Locale.ROOT, "%.0f B (+ %.0f B)", perEntry, value("memory.bytes_per_listed_token")), "—", Verdict.INFO));
        if (measurements.containsKey("container.run_to_first_token_ms")) {
            double toToken = value("container.run_to_first_token_ms");
            double inProcess = value("cold_start.fake_ims.launch_to_token_ms");
            checks.add(new TargetCheck("5 container", "docker run to first token / in-process fresh-JVM launch to first token",
                    toToken / inProcess, ratio(toToken / inProcess) + " (" + ms(toToken) + " vs " + ms(inProcess) + "; healthy after "
                    + ms(value("container.run_to_healthy_ms")) + ", image " + String.format(Locale.ROOT, "%.1f MB",
                    value("container.image_size_mb")) + ")", "—", Verdict.INFO));
        } else {
            checks.add(new TargetCheck("5 container", "Container image start to first token", Double.NaN, CONTAINER_SKIPPED, "—",
                    Verdict.SKIPPED));
        }
        return checks;
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("Machine: ").append(machine).append("  \n");
        String background = measurements.values().stream()
                .filter(m -> m.name().startsWith("background."))
                .map(m -> m.name().substring("background.".length(), m.name().lastIndexOf('.')) + " "
                        + String.format(Locale.ROOT, "%.2f", m.value()))
                .collect(Collectors.joining(", "));
        if (!background.isEmpty()) {
            md.append("CPU busy outside the benchmark (cores, incl. hypervisor steal), by section: ").append(background).append("  \n");
        }
        md.append("Mode: ").append(settings.mode()).append(settings.isSmoke() ? " (smoke: numbers are meaningless)" : "")
                .append(", took ").append(took.toSeconds()).append(" s\n\n");

        md.append("| # | Target | Measured | Target | Verdict |\n|---|---|---|---|---|\n");
        for (TargetCheck check : targets()) {
            md.append("| ").append(check.section()).append(" | ").append(check.what()).append(" | ").append(check.shown())
                    .append(" | ").append(check.target()).append(" | **").append(check.verdict().name().toLowerCase(Locale.ROOT))
                    .append("** |\n");
        }

        md.append("\nCold start, medians of ").append(count(value("cold_start.fake_ims.rounds")))
                .append(" fresh JVMs each, round-robin:\n\n")
                .append("| Contender | Launch → token | In-JVM start → token | In-JVM start → ready | Class path entries |\n")
                .append("|---|---|---|---|---|\n");
        for (String[] contender : new String[][] {{"fake_ims", "our fake (JWT exchange)"},
                {"mock_oauth2_server", "mock-oauth2-server 2.1.10 (client_credentials)"}, {"wiremock", "WireMock 3.13.2 stub"}}) {
            String prefix = "cold_start." + contender[0] + ".";
            md.append("| ").append(contender[1]).append(" | ").append(ms(value(prefix + "launch_to_token_ms")))
                    .append(" | ").append(ms(value(prefix + "in_jvm_start_to_token_ms")))
                    .append(" | ").append(ms(value(prefix + "in_jvm_start_to_ready_ms")))
                    .append(" | ").append(count(value(prefix + "class_path_entries"))).append(" |\n");
        }

        md.append("\nLoad over loopback HTTP (closed loop, pre-signed JWTs), each row right after its own crypto-limit "
                + "measurement. Crypto limit on ").append(count(value("crypto.threads"))).append(" threads, median: exchange (verify + sign) ")
                .append(rate(value("crypto.exchange_limit_per_s"))).append(", token (sign) ")
                .append(rate(value("crypto.token_limit_per_s"))).append("; one verify ")
                .append(String.format(Locale.ROOT, "%.0f µs", value("crypto.verify_us"))).append(", one sign ")
                .append(String.format(Locale.ROOT, "%.0f µs", value("crypto.sign_us"))).append(" on one thread.\n\n");
        loadTable(md);
        md.append("\nExtension: ").append(count(value("extension.classes_with_and_without")))
                .append(" generated classes with and ").append(count(value("extension.classes_with_and_without")))
                .append(" without `@ExtendWith(AdobeImsExtension.class)`, ").append(count(value("extension.tests_per_class")))
                .append(" tests each, one Launcher execution per class; a plain class takes ")
                .append(ms(value("extension.plain_class_ms"))).append(".\n");
        md.append("\nMemory: ").append(count(value("memory.exchanges"))).append(" exchanges after ")
                .append("warm-up, heap after full GC ").append(String.format(Locale.ROOT, "%.1f → %.1f MB (growth %.2f MB, "
                                + "highest checkpoint +%.2f MB), %s failed requests.\n",
                        value("memory.heap_after_warmup_mb"), value("memory.heap_after_exchanges_mb"), value("memory.growth_mb"),
                        value("memory.highest_checkpoint_growth_mb"), count(value("memory.errors"))));
        md.append("\nContainer: ").append(measurements.containsKey("container.image_size_mb")
                ? String.format(Locale.ROOT, "image %.1f MB; docker run → healthy %s, → first token %s (median of the starts)",
                        value("container.image_size_mb"), ms(value("container.run_to_healthy_ms")), ms(value("container.run_to_first_token_ms")))
                : CONTAINER_SKIPPED).append(".\n");
        return md.toString();
    }

    private void loadTable(StringBuilder md) {
        md.append("| Endpoint | Clients | Throughput | Crypto limit | Fraction | p50 | p99 | p99 / p50 | Errors |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (String endpoint : List.of("exchange", "token")) {
            for (int clients : settings.clientCounts()) {
                String p = "load." + endpoint + ".c" + clients + ".";
                md.append("| ").append(endpoint.equals("exchange") ? "/ims/exchange/jwt" : "/ims/token/v3")
                        .append(" | ").append(clients)
                        .append(" | ").append(rate(value(p + "throughput_per_s")))
                        .append(" | ").append(rate(value(p + "crypto_limit_per_s")))
                        .append(" | ").append(ratio(value(p + "fraction_of_crypto_limit")))
                        .append(" | ").append(ms(value(p + "p50_ms")))
                        .append(" | ").append(ms(value(p + "p99_ms")))
                        .append(" | ").append(ratio(value(p + "p99_over_p50")))
                        .append(" | ").append(count(value(p + "errors"))).append(" |\n");
            }
        }
    }

    private double value(String name) {
        Measurement measurement = measurements.get(name);
        return measurement == null ? Double.NaN : measurement.value();
    }

    private static TargetCheck atMost(String section, String what, double measured, String shown, double limit, String target) {
        return check(section, what, measured, shown, measured <= limit, target);
    }

    private static TargetCheck below(String section, String what, double measured, String shown, double limit, String target) {
        return check(section, what, measured, shown, measured < limit, target);
    }

    private static TargetCheck atLeast(String section, String what, double measured, String shown, double limit, String target) {
        return check(section, what, measured, shown, measured >= limit, target);
    }

    private static TargetCheck check(String section, String what, double measured, String shown, boolean holds, String target) {
        return new TargetCheck(section, what, measured, shown, target, holds ? Verdict.MET : Verdict.MISSED);
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f ms" : "%.0f ms", value);
    }

    private static String rate(double value) {
        return String.format(Locale.ROOT, "%.0f/s", value);
    }

    private static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }
}
