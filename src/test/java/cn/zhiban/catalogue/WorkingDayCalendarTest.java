package cn.zhiban.catalogue;

import cn.zhiban.policydata.PolicyDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkingDayCalendarTest {
    private static final WorkingDayCalendar CALENDAR = new WorkingDayCalendar(Calendars.read(Path.of("policy-data/calendars")));

    @ParameterizedTest(name = "{0} + {1} working days = {2}")
    @CsvSource({
            "2026-09-24, 1, 2026-09-28",  // 中秋 Sep 25–27 off
            "2026-09-30, 1, 2026-10-08",  // 国庆 Oct 1–7 off
            "2026-10-09, 1, 2026-10-10",  // Saturday make-up working day
            "2026-09-18, 1, 2026-09-20",  // Sunday make-up working day
            "2026-09-24, 5, 2026-10-09",  // Sep 28, 29, 30, Oct 8, 9
            "2026-09-30, 5, 2026-10-13",  // Oct 8, 9, 10 (Sat), 12, 13
            "2026-06-01, 40, 2026-07-28", // crosses 端午 Jun 19–21
            "2026-11-23, 20, 2026-12-21",
            "2026-06-01, 0, 2026-06-01",
            "2025-01-24, 1, 2025-01-26",  // Sunday make-up working day
            "2025-01-27, 1, 2025-02-05",  // 春节 Jan 28 – Feb 4 off
            "2025-09-30, 1, 2025-10-09",  // Oct 1–8 off
    })
    void plusCountsOnlyWorkingDays(LocalDate from, int days, LocalDate expected) {
        assertEquals(expected, CALENDAR.plus(from, days));
    }

    @Test
    void countingIntoAYearWithoutCalendarFails() {
        // Dec 31 is the 1st working day; Jan 1 2027 has no calendar.
        CalendarMissingException e = assertThrows(CalendarMissingException.class,
                () -> CALENDAR.plus(LocalDate.of(2026, 12, 30), 5));
        assertEquals(2027, e.year());
        assertTrue(e.getMessage().contains("2027"), e.getMessage());
    }

    @Test
    void coversOnlyPublishedYears() {
        assertFalse(CALENDAR.covers(LocalDate.of(2024, 6, 1)));
        assertTrue(CALENDAR.covers(LocalDate.of(2026, 1, 1)));
    }

    @Test
    void makeUpSaturdayIsWorkedAndHolidayMondayIsNot() {
        assertTrue(CALENDAR.isWorkingDay(LocalDate.of(2026, 2, 14)));
        assertFalse(CALENDAR.isWorkingDay(LocalDate.of(2026, 2, 16)));
    }

    @Test
    void yearMustMatchFileName(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("2026.yaml"), "year: 2025\nsource: 通知\nholidays: []\nworkdays: []\n");
        PolicyDataException e = assertThrows(PolicyDataException.class, () -> Calendars.read(dir));
        assertTrue(e.getMessage().contains("2026.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("year: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("实际为 2025"), e.getMessage());
    }

    @Test
    void makeUpDayOnAWeekdayIsRejected(@TempDir Path dir) throws IOException {
        // 2026-09-21 is a Monday.
        Files.writeString(dir.resolve("2026.yaml"), """
                year: 2026
                source: 通知
                holidays: []
                workdays:
                  - {name: 调休, date: 2026-09-21}
                """);
        PolicyDataException e = assertThrows(PolicyDataException.class, () -> Calendars.read(dir));
        assertTrue(e.getMessage().contains("2026.yaml: workdays[0].date: 2026-09-21 不是周末"), e.getMessage());
    }
}
