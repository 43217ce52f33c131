package io.github.fakeims.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every {@code // tag::name[]} region of these examples appears verbatim in the README, so its quotes compile and pass. */
class ReadmeSnippetsTest {

    private static final Pattern REGION = Pattern.compile("// tag::([\\w-]+)\\[]\\n(.*?)// end::\\1\\[]", Pattern.DOTALL);

    @Test
    void theReadmeQuotesEveryTaggedExampleAsItIs() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int regions = 0;
        // These examples' tests, and the Spring Boot example's service and tests.
        try (Stream<Path> sources = Stream.concat(Files.walk(Path.of("src", "test", "java")), Files.walk(Path.of("spring-boot", "src")))) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher region = REGION.matcher(Files.readString(source));
                while (region.find()) {
                    regions++;
                    // Regions inside a method are quoted without the method's indentation.
                    assertThat(readme).as("README quote of %s in %s", region.group(1), source)
                            .contains(region.group(2).stripIndent());
                }
            }
        }
        assertThat(regions).isPositive();
    }
}
