package cn.zhiban.catalogue;

import java.time.LocalDate;

/** The helper rules use for deadlines. Counting starts the day after {@code from}. */
public interface WorkingDays {

    /** The {@code days}-th working day after {@code from}; fails with {@link CalendarMissingException} past the known years. */
    LocalDate plus(LocalDate from, int days);

    /** Whether {@code date} falls in a year with a published calendar. */
    boolean covers(LocalDate date);
}
