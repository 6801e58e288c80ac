package cn.zhiban.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The service's one clock. Every "today" the product decides with (a default {@code asOf}, the date a
 * declined grant's money goes to the waitlist, a simulation's last N days) and every time it records
 * comes from the {@link Clock} produced here: beans inject it, commands and static helpers take it as a
 * parameter. Dates are Beijing dates (Asia/Shanghai).
 *
 * <p>By default it is the system clock. {@code zhiban.clock.start} (an ISO date-time with offset, e.g.
 * {@code 2026-11-23T10:00:00+08:00}) sets where the clock stands when the service starts; it runs on from
 * there at the normal rate, so the service sees that date (for the rest of that Beijing day) and recorded
 * times still follow one another. The tests set it in {@code application.properties}, so no test depends
 * on the machine's date. It is not frozen on purpose: records are ordered by when they were made
 * (grants, inbox messages, interrupted runs), and a frozen clock would make them all simultaneous.
 *
 * <p>Lives in its own package because every domain package (acceptance, grants, matching, rulesets,
 * enterprise, catalogue) reads it and none of them owns it; {@code web} is about HTTP.
 */
@ApplicationScoped
public class ClockProducer {
    /** The zone every date of the service is in. */
    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Produces
    @Singleton
    Clock clock(@ConfigProperty(name = "zhiban.clock.start") Optional<String> start) {
        return of(start.orElse(null));
    }

    /** The clock for a {@code zhiban.clock.start} value: the system clock when blank, else one that stands there now. */
    public static Clock of(String start) {
        Clock system = Clock.system(BEIJING);
        if (start == null || start.isBlank()) {
            return system;
        }
        Instant from;
        try {
            from = OffsetDateTime.parse(start.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("zhiban.clock.start 应为带时区偏移的 ISO 时间,如 2026-11-23T10:00:00+08:00,实际为 " + start, e);
        }
        return Clock.offset(system, Duration.between(system.instant(), from));
    }
}
