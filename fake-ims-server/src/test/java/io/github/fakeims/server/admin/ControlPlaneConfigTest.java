package io.github.fakeims.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.fakeims.server.FakeImsConfig;
import io.github.fakeims.server.FakeImsServer;
import io.github.fakeims.server.ImsHttp;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The control plane's settings: {@code journalSize}, {@code adminApi} and {@code adminToken}, in JSON and in the builder. */
class ControlPlaneConfigTest {

    @Test
    void theJsonFormatReadsJournalSizeAdminApiAndAdminToken() {
        FakeImsConfig config = FakeImsConfig.fromJson("{\"journalSize\":50,\"adminApi\":false,\"adminToken\":\"t0k3n\"}");

        assertThat(config.journalSize()).isEqualTo(50);
        assertThat(config.adminApi()).isFalse();
        assertThat(config.adminToken()).contains("t0k3n");
    }

    @Test
    void theJsonFormatLeavesThemAtTheirDefaultsWhenAbsent() {
        FakeImsConfig config = FakeImsConfig.fromJson("{}");

        assertThat(config.journalSize()).isEqualTo(1000);
        assertThat(config.adminApi()).isTrue();
        assertThat(config.adminToken()).isEmpty();
    }

    @Test
    void aJournalOfZeroKeepsNothingAndIsAllowed() {
        assertThat(FakeImsConfig.fromJson("{\"journalSize\":0}").journalSize()).isZero();
        assertThat(FakeImsConfig.fromJson("{\"journalSize\":1000000}").journalSize()).isEqualTo(1_000_000);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "journalSize | -1",
        "journalSize | \"x\"",
        "journalSize | 1.5",
        "journalSize | 1000001",
        "journalSize | 3000000000",
        "journalSize | null",
        "journalSize | true",
        "adminApi    | \"yes\"",
        "adminApi    | \"true\"",
        "adminApi    | 1",
        "adminApi    | null",
        "adminToken  | 42",
        "adminToken  | true",
        "adminToken  | [\"t\"]",
    })
    void aWrongValueIsRefusedNamingTheField(String field, String value) {
        String json = "{\"" + field + "\":" + value + "}";

        assertThatThrownBy(() -> FakeImsConfig.fromJson(json))
                .as(json)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(field + ":");
    }

    @Test
    void aMisspelledControlPlaneFieldIsRefusedByName() {
        assertThatThrownBy(() -> FakeImsConfig.fromJson("{\"adminAPI\":false}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("adminAPI");
    }

    @Test
    void aBlankAdminTokenInJsonIsRefusedAndNullMeansNone() {
        // a blank token would silently turn the check off: refused, as on the command line
        for (String blank : new String[] {"", "   ", "\\t"}) {
            assertThatThrownBy(() -> FakeImsConfig.fromJson("{\"adminToken\":\"" + blank + "\"}"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("adminToken:");
        }
        assertThat(FakeImsConfig.fromJson("{\"adminToken\":null}").adminToken()).isEmpty();
    }

    @Test
    void theBuilderDefaultsToAThousandEntriesTheAdminApiOnAndNoToken() {
        FakeImsConfig config = FakeImsConfig.builder().build();

        assertThat(config.journalSize()).isEqualTo(1000);
        assertThat(config.adminApi()).isTrue();
        assertThat(config.adminToken()).isEmpty();
        assertThat(FakeImsConfig.defaults().journalSize()).isEqualTo(1000);
    }

    @Test
    void theBuilderTreatsANullTokenAsNoneAndRefusesABlankOne() {
        assertThat(FakeImsConfig.builder().adminToken(null).build().adminToken()).isEmpty();
        assertThatThrownBy(() -> FakeImsConfig.builder().adminToken(" \t")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("adminToken:");
        assertThat(FakeImsConfig.builder().adminToken("t").adminToken(null).build().adminToken()).isEmpty();
    }

    @Test
    void theBuilderRefusesAJournalSizeOutOfRangeNamingIt() {
        for (int size : new int[] {-1, Integer.MIN_VALUE, 1_000_001}) {
            assertThatThrownBy(() -> FakeImsConfig.builder().journalSize(size))
                    .as("journalSize(%d)", size)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("journalSize:")
                    .hasMessageContaining(Integer.toString(size));
        }
    }

    @Test
    void toBuilderKeepsTheControlPlaneSettings() {
        FakeImsConfig config = FakeImsConfig.builder().journalSize(7).adminApi(false).adminToken("keep-me").build();

        FakeImsConfig copy = config.toBuilder().build();

        assertThat(copy.journalSize()).isEqualTo(7);
        assertThat(copy.adminApi()).isFalse();
        assertThat(copy.adminToken()).contains("keep-me");
    }

    @Test
    void toBuilderKeepsTheDefaultsAsDefaults() {
        FakeImsConfig copy = FakeImsConfig.defaults().toBuilder().build();

        assertThat(copy.journalSize()).isEqualTo(1000);
        assertThat(copy.adminApi()).isTrue();
        assertThat(copy.adminToken()).isEmpty();
    }

    @Test
    void toBuilderLetsOneSettingChangeAndKeepsTheOthers() {
        FakeImsConfig config = FakeImsConfig.fromJson("{\"journalSize\":3,\"adminToken\":\"t\"}");

        FakeImsConfig changed = config.toBuilder().adminApi(false).build();

        assertThat(changed.journalSize()).isEqualTo(3);
        assertThat(changed.adminToken()).contains("t");
        assertThat(changed.adminApi()).isFalse();
        assertThat(config.adminApi()).as("the original is unchanged").isTrue();
    }

    // --- a server started from JSON honours them --------------------------------------------------

    @Test
    void aServerStartedFromJsonKeepsOnlyJournalSizeEntriesAndCountsTheDropped() {
        try (FakeImsServer ims = FakeImsServer.start(FakeImsConfig.fromJson("{\"journalSize\":2}"))) {
            for (int i = 0; i < 3; i++) {
                ImsHttp.get(ims.baseUrl().resolve("/ims/keys"), null);
            }

            HttpResponse<String> journal = AdminWire.send(ims.baseUrl(), "GET", "/fake-ims/journal", "");

            Map<String, Object> json = AdminWire.object(journal);
            assertThat((List<?>) json.get("entries")).hasSize(2);
            assertThat(json).containsEntry("droppedCount", 1L);
        }
    }

    @Test
    void aServerStartedFromJsonWithAnAdminTokenWantsIt() {
        try (FakeImsServer ims = FakeImsServer.start(FakeImsConfig.fromJson("{\"adminToken\":\"from-json\"}"))) {
            assertThat(AdminWire.send(ims.baseUrl(), "GET", "/fake-ims/clock", "", null).statusCode()).isEqualTo(401);
            assertThat(AdminWire.send(ims.baseUrl(), "GET", "/fake-ims/clock", "", "Bearer from-json").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aServerStartedFromJsonWithTheAdminApiOffAnswersOnlyHealth() {
        try (FakeImsServer ims = FakeImsServer.start(FakeImsConfig.fromJson("{\"adminApi\":false,\"adminToken\":\"ignored\"}"))) {
            assertThat(AdminWire.send(ims.baseUrl(), "GET", "/fake-ims/clock", "", "Bearer ignored").statusCode()).isEqualTo(404);
            assertThat(AdminWire.send(ims.baseUrl(), "GET", "/fake-ims/health", "", null).statusCode()).isEqualTo(200);
        }
    }
}
