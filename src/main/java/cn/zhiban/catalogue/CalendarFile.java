package cn.zhiban.catalogue;

import java.util.List;

/** One file of policy-data/calendars/, named after its year. */
public record CalendarFile(Integer year, String source, List<CalendarYear.Holiday> holidays, List<CalendarYear.MakeUpWorkday> workdays) {
}
