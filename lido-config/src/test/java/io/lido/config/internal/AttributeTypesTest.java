package io.lido.config.internal;

import io.lido.config.TimeSpans;
import io.lido.config.internal.AttributeType.InvalidValueException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttributeTypesTest {
    @Test
    void booleansIgnoreCase() {
        assertThat(AttributeTypes.BOOL.parse("True")).isEqualTo(true);
        assertThat(AttributeTypes.BOOL.parse("FALSE")).isEqualTo(false);
        assertThatThrownBy(() -> AttributeTypes.BOOL.parse("1")).isInstanceOf(InvalidValueException.class)
                .hasMessage("is not a boolean (allowed: true, false)");
    }

    @Test
    void wholeNumbersAndSizesCheckTheirRange() {
        AttributeType size = AttributeTypes.size(0, 4294967295L, "bytes");
        assertThat(size.parse("4294967295")).isEqualTo(4294967295L);
        assertThat(size.parse("0")).isEqualTo(0L);
        assertThatThrownBy(() -> size.parse("4294967296")).hasMessage("is out of range (allowed: 0..4294967295 bytes)");
        assertThatThrownBy(() -> size.parse("30MB")).hasMessage("is not a whole number (allowed: 0..4294967295 bytes)");
        assertThatThrownBy(() -> size.parse("99999999999999999999")).hasMessageStartingWith("is not a whole number");
        assertThat(AttributeTypes.integer(-1, 999).parse("-1")).isEqualTo(-1);
    }

    @Test
    void enumerationsAndFlagsTakeTheSchemaSpelling() {
        AttributeType mode = AttributeTypes.enumeration("OnDemand", "AlwaysRunning");
        assertThat(mode.parse("alwaysrunning")).isEqualTo("AlwaysRunning");
        assertThatThrownBy(() -> mode.parse("Always")).hasMessage("is not valid (allowed: OnDemand, AlwaysRunning)");
        AttributeType flags = AttributeTypes.flags("Date", "Time", "Size");
        assertThat(flags.parse("date, SIZE")).isEqualTo("Date,Size");
        assertThat(flags.parse("")).isEqualTo("");
        assertThatThrownBy(() -> flags.parse("Date,Colour"))
                .hasMessage("is not valid (allowed: Date, Time, Size, comma-separated)");
    }

    @Test
    void timeTypes() {
        assertThat(AttributeTypes.TIME_SPAN.parse("00:01:30")).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> AttributeTypes.TIME_SPAN.parse("90"))
                .hasMessage("is not a time span (allowed: [d.]hh:mm:ss[.fff], e.g. 00:20:00)");
        assertThatThrownBy(() -> AttributeTypes.TIME_SPAN.parse("-00:00:01")).hasMessageStartingWith("is not a time span");
        assertThat(AttributeTypes.SECONDS.parse("110")).isEqualTo(Duration.ofSeconds(110));
        assertThat(AttributeTypes.SECONDS.parse("00:01:50")).isEqualTo(Duration.ofSeconds(110));
        assertThat(AttributeTypes.MINUTES.parse("20")).isEqualTo(Duration.ofMinutes(20));
        assertThat(AttributeTypes.MINUTES.parse("Infinite")).isEqualTo(TimeSpans.INFINITE);
        assertThatThrownBy(() -> AttributeTypes.MINUTES.parse("twenty"))
                .hasMessage("is not a time span (allowed: whole minutes or [d.]hh:mm:ss[.fff], e.g. 00:20:00)");
        assertThat(AttributeTypes.TIME_OF_DAY.parse("03:00:00")).isEqualTo(LocalTime.of(3, 0));
        assertThat(AttributeTypes.TIME_OF_DAY.parse("23:59:59")).isEqualTo(LocalTime.of(23, 59, 59));
        assertThatThrownBy(() -> AttributeTypes.TIME_OF_DAY.parse("24:00:00")).hasMessageStartingWith("is not a time of day");
    }
}
