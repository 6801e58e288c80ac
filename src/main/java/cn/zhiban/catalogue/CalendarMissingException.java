package cn.zhiban.catalogue;

/** A deadline or date falls in a year whose working-day calendar is not in policy-data/calendars. */
public class CalendarMissingException extends RuntimeException {
    private final int year;

    public CalendarMissingException(int year) {
        super(year + "年的工作日历尚未发布(policy-data/calendars/" + year + ".yaml 不存在),无法按工作日计算期限");
        this.year = year;
    }

    public int year() { return year; }
}
