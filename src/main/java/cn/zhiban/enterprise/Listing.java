package cn.zhiban.enterprise;

import java.time.LocalDate;
import java.util.Set;

/** A credit-list entry; it counts while {@code until} is null or later than the date in question. */
public record Listing(String list, LocalDate since, LocalDate until) {
    public static final Set<String> LISTS = Set.of("DISHONEST_DEBTOR", "SERIOUS_DISHONESTY", "ABNORMAL_OPERATION");
}
