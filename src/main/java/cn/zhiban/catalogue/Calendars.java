package cn.zhiban.catalogue;

import cn.zhiban.policydata.PolicyDataException;
import cn.zhiban.policydata.PolicyDataFiles;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;

/**
 * The working-day calendars of policy-data/calendars/, one file a year, held in memory: every
 * deadline reads them. Replaced as a whole when the files are loaded again.
 */
@ApplicationScoped
public class Calendars {
    private volatile WorkingDayCalendar current = new WorkingDayCalendar(List.of());

    public WorkingDayCalendar current() {
        return current;
    }

    public int load(Path folder) {
        current = new WorkingDayCalendar(read(folder));
        return current.years().size();
    }

    public static List<CalendarYear> read(Path folder) {
        List<CalendarYear> years = new ArrayList<>();
        for (Path file : PolicyDataFiles.yamlFiles(folder)) {
            CalendarFile f = PolicyDataFiles.read(file, CalendarFile.class);
            String name = file.getFileName().toString();
            if (f.year() == null || !name.startsWith(f.year() + ".")) {
                throw new PolicyDataException(file.toString(), "year", "应与文件名一致(如 2026.yaml 中 year: 2026),实际为 " + f.year());
            }
            if (f.source() == null || f.source().isBlank()) {
                throw new PolicyDataException(file.toString(), "source", "必填:国务院办公厅通知的名称或文号");
            }
            List<CalendarYear.Holiday> holidays = f.holidays() == null ? List.of() : f.holidays();
            List<CalendarYear.MakeUpWorkday> workdays = f.workdays() == null ? List.of() : f.workdays();
            for (int i = 0; i < holidays.size(); i++) {
                CalendarYear.Holiday h = holidays.get(i);
                if (h == null || h.from() == null || h.to() == null || h.to().isBefore(h.from())) {
                    throw new PolicyDataException(file.toString(), "holidays[" + i + "]", "from 与 to 必填,且 to 不早于 from");
                }
            }
            for (int i = 0; i < workdays.size(); i++) {
                CalendarYear.MakeUpWorkday w = workdays.get(i);
                if (w == null || w.date() == null) {
                    throw new PolicyDataException(file.toString(), "workdays[" + i + "].date", "必填");
                }
                if (w.date().getDayOfWeek() != DayOfWeek.SATURDAY && w.date().getDayOfWeek() != DayOfWeek.SUNDAY) {
                    throw new PolicyDataException(file.toString(), "workdays[" + i + "].date", w.date() + " 不是周末,调休上班日应为周六或周日");
                }
            }
            years.add(new CalendarYear(f.year(), f.source(), holidays, workdays));
        }
        if (years.isEmpty()) {
            throw new PolicyDataException(folder.toString(), "", "没有工作日历文件(YYYY.yaml)");
        }
        return years;
    }
}
