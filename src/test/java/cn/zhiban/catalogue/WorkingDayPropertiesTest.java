package cn.zhiban.catalogue;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * Deadline arithmetic over the shipped calendars (2025, 2026). What counts as a working day is read
 * from the published holiday and make-up lists themselves, not from the calendar under test.
 */
class WorkingDayPropertiesTest {
    private static final List<CalendarYear> YEARS = Calendars.read(Path.of("policy-data/calendars"));
    private static final WorkingDayCalendar CALENDAR = new WorkingDayCalendar(YEARS);
    private static final LocalDate FIRST = LocalDate.of(2025, 1, 1);

    /** A start date from which 60 working days still end in 2026. */
    private static Gen<LocalDate> covered() {
        return integers().between(0, (int) ChronoUnit.DAYS.between(FIRST, LocalDate.of(2026, 9, 30))).map(n -> FIRST.plusDays(n));
    }

    /** The published arrangement: a listed make-up day is worked; otherwise a listed holiday or a weekend is not. */
    private static boolean published(LocalDate d) {
        if (YEARS.stream().anyMatch(y -> y.workdays().stream().anyMatch(w -> w.date().equals(d)))) {
            return true;
        }
        if (YEARS.stream().anyMatch(y -> y.holidays().stream().anyMatch(h -> !d.isBefore(h.from()) && !d.isAfter(h.to())))) {
            return false;
        }
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    @Test
    void landsOnAPublishedWorkingDayAfterExactlyNOfThem() {
        qt().forAll(covered(), integers().between(1, 60)).checkAssert((from, n) -> {
            LocalDate due = CALENDAR.plus(from, n);
            assertTrue(published(due), due + " is a weekend or holiday and no make-up day");
            assertEquals((long) n, from.plusDays(1).datesUntil(due.plusDays(1)).filter(WorkingDayPropertiesTest::published).count(),
                    from + " + " + n + " = " + due);
        });
    }

    @Test
    void zeroDaysIsTheSameDay() {
        qt().forAll(covered()).checkAssert(from -> assertEquals(from, CALENDAR.plus(from, 0)));
    }

    @Test
    void oneMoreDayIsStrictlyLater() {
        qt().forAll(covered(), integers().between(0, 59))
                .checkAssert((from, n) -> assertTrue(CALENDAR.plus(from, n + 1).isAfter(CALENDAR.plus(from, n)), from + " + " + n));
    }

    @Test
    void aLaterStartNeverGivesAnEarlierDeadline() {
        qt().forAll(covered(), covered(), integers().between(0, 60)).checkAssert((x, y, n) -> {
            LocalDate early = x.isBefore(y) ? x : y;
            LocalDate late = x.isBefore(y) ? y : x;
            assertFalse(CALENDAR.plus(late, n).isBefore(CALENDAR.plus(early, n)), early + " / " + late + " + " + n);
        });
    }

    @Test
    void countingInTwoStepsIsCountingOnce() {
        qt().forAll(covered(), integers().between(0, 30), integers().between(0, 30))
                .checkAssert((from, a, b) -> assertEquals(CALENDAR.plus(from, a + b), CALENDAR.plus(CALENDAR.plus(from, a), b)));
    }

    /** Never a weekday guess: a deadline that runs past the published years is refused, naming the year. */
    @Test
    void runningPastThePublishedYearsFailsWithTheMissingYear() {
        qt().forAll(integers().between(1, 60), integers().between(70, 400)).checkAssert((daysBeforeEnd, n) -> {
            LocalDate from = LocalDate.of(2026, 12, 31).minusDays(daysBeforeEnd);
            assertEquals(2027, assertThrows(CalendarMissingException.class, () -> CALENDAR.plus(from, n)).year());
        });
    }
}
