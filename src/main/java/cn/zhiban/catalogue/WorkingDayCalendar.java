package cn.zhiban.catalogue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Working days from the published calendars: weekends and statutory holidays are off, make-up
 * working days are on. A date in a year without a calendar is an error, never a weekday guess.
 */
public final class WorkingDayCalendar implements WorkingDays {
    private final Set<Integer> years = new HashSet<>();
    private final Set<LocalDate> holidays = new HashSet<>();
    private final Set<LocalDate> makeUpWorkdays = new HashSet<>();
    private final Map<Integer, CalendarYear> byYear = new HashMap<>();

    public WorkingDayCalendar(List<CalendarYear> calendars) {
        for (CalendarYear calendar : calendars) {
            years.add(calendar.year());
            byYear.put(calendar.year(), calendar);
            for (CalendarYear.Holiday holiday : calendar.holidays()) {
                for (LocalDate d = holiday.from(); !d.isAfter(holiday.to()); d = d.plusDays(1)) {
                    holidays.add(d);
                }
            }
            calendar.workdays().forEach(w -> makeUpWorkdays.add(w.date()));
        }
    }

    @Override
    public boolean covers(LocalDate date) {
        return years.contains(date.getYear());
    }

    public boolean isWorkingDay(LocalDate date) {
        if (!covers(date)) {
            throw new CalendarMissingException(date.getYear());
        }
        if (makeUpWorkdays.contains(date)) {
            return true;
        }
        if (holidays.contains(date)) {
            return false;
        }
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
    }

    @Override
    public LocalDate plus(LocalDate from, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("working days must not be negative: " + days);
        }
        LocalDate date = from;
        for (int counted = 0; counted < days; ) {
            date = date.plusDays(1);
            if (isWorkingDay(date)) {
                counted++;
            }
        }
        return date;
    }

    public Set<Integer> years() {
        return Set.copyOf(years);
    }

    public CalendarYear year(int year) {
        return byYear.get(year);
    }
}
