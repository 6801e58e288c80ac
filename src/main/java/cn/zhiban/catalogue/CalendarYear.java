package cn.zhiban.catalogue;

import java.time.LocalDate;
import java.util.List;

/** One year's published holiday arrangement (policy-data/calendars/YYYY.yaml). */
public record CalendarYear(int year, String source, List<Holiday> holidays, List<MakeUpWorkday> workdays) {

    /** A holiday period, inclusive (放假). */
    public record Holiday(String name, LocalDate from, LocalDate to) {
    }

    /** A Saturday or Sunday that is worked (调休上班). */
    public record MakeUpWorkday(String name, LocalDate date) {
    }
}
