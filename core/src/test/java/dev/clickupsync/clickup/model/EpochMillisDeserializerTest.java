package dev.clickupsync.clickup.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import dev.clickupsync.json.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EpochMillisDeserializerTest {

    record Holder(@JsonDeserialize(using = EpochMillisDeserializer.class) Instant at) {
    }

    @Test
    void readsStringMillis() throws Exception {
        assertThat(read("\"1567780450202\"")).isEqualTo(Instant.ofEpochMilli(1567780450202L));
    }

    @Test
    void readsNumericMillis() throws Exception {
        assertThat(read("1567780450202")).isEqualTo(Instant.ofEpochMilli(1567780450202L));
        assertThat(read("0")).isEqualTo(Instant.EPOCH);
    }

    @Test
    void nullEmptyAndBlankMeanNotSet() throws Exception {
        assertThat(read("null")).isNull();
        assertThat(read("\"\"")).isNull();
        assertThat(read("\"   \"")).isNull();
    }

    @Test
    void refusesTextThatIsNotMillis() {
        assertThatThrownBy(() -> read("\"2019-09-06T14:34:10Z\"")).isInstanceOf(InvalidFormatException.class);
        assertThatThrownBy(() -> read("\"soon\"")).isInstanceOf(InvalidFormatException.class);
        assertThatThrownBy(() -> read("\"1.5e12\"")).isInstanceOf(InvalidFormatException.class);
    }

    private static Instant read(String value) throws Exception {
        return Json.MAPPER.readValue("{\"at\":" + value + "}", Holder.class).at();
    }
}
