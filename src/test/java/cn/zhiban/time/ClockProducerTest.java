package cn.zhiban.time;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service's clock: the system's in Beijing, or one that starts where zhiban.clock.start says and runs on. */
class ClockProducerTest {
    @Test
    void byDefaultTheSystemClockInBeijing() {
        Clock clock = ClockProducer.of(null);
        assertEquals(ClockProducer.BEIJING, clock.getZone());
        assertEquals(ClockProducer.BEIJING, ClockProducer.of(" ").getZone());
    }

    @Test
    void aStartSetsTheDateAndTheClockRunsOn() {
        Clock clock = ClockProducer.of("2026-11-23T10:00:00+08:00");
        Instant first = clock.instant();
        assertEquals(LocalDate.of(2026, 11, 23), LocalDate.now(clock));
        assertFalse(first.isBefore(OffsetDateTime.parse("2026-11-23T10:00:00+08:00").toInstant()));
        await("the started clock moves on").until(() -> clock.instant().isAfter(first));
        // a start late in the Beijing day is still that Beijing date, whatever the offset it is written in
        assertEquals(LocalDate.of(2026, 12, 31), LocalDate.now(ClockProducer.of("2026-12-31T15:00:00Z")));
    }

    @Test
    void aMalformedStartNamesTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClockProducer.of("2026-11-23"));
        assertTrue(e.getMessage().contains("zhiban.clock.start"), e.getMessage());
    }
}
