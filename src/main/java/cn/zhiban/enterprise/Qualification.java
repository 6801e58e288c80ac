package cn.zhiban.enterprise;

import java.time.LocalDate;
import java.util.Set;

/** A certification held from {@code since} to {@code until} (null = open), e.g. 高新技术企业. */
public record Qualification(String type, LocalDate since, LocalDate until) {
    public static final Set<String> TYPES = Set.of("HIGH_TECH", "SPECIALISED_SME", "LITTLE_GIANT", "TECH_SME", "ABOVE_SCALE");
}
