package cn.zhiban.bench;

import cn.zhiban.matching.Matcher;
import cn.zhiban.matching.facts.CreditListing;
import cn.zhiban.matching.facts.Profile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * 稳岗返还 (policy-data/policies/N-WGFH-2026.yaml) written by hand in Java, the way a team without a
 * rule engine would: the benchmark's practical-limit baseline, and a cross-check of the rules' answer.
 * Returns the amount when eligible with every needed field known, else null.
 */
final class HandWritten {
    private static final LocalDate INSURED_BY = LocalDate.of(2024, 12, 31);

    private HandWritten() {
    }

    static BigDecimal jobStabilisationRefund(Matcher.Subject s, LocalDate asOf) {
        Profile p = s.profile();
        if (p.getEstablishedOn() == null || p.getUnemploymentInsurancePaid() == null) {
            return null;
        }
        if (p.getEstablishedOn().isAfter(INSURED_BY) || p.getUnemploymentInsurancePaid().signum() <= 0) {
            return null;
        }
        BigDecimal layoff = p.attributeNumber("layoffRate");
        if (layoff == null) {
            return null;
        }
        boolean layoffOk = layoff.compareTo(new BigDecimal("0.055")) <= 0
                || (p.getInsuredEmployees() != null && p.getInsuredEmployees() <= 30 && layoff.compareTo(new BigDecimal("0.20")) <= 0);
        if (!layoffOk) {
            return null;
        }
        for (CreditListing l : s.listings()) {
            if ((l.getList().equals("SERIOUS_DISHONESTY") || l.getList().equals("DISHONEST_DEBTOR")) && l.inForceOn(asOf)) {
                return null;
            }
        }
        String size = sizeClass(p);
        if (size == null) {
            return null;
        }
        BigDecimal rate = size.equals("LARGE") ? new BigDecimal("0.30") : new BigDecimal("0.60");
        return p.getUnemploymentInsurancePaid().multiply(rate).setScale(2, RoundingMode.HALF_UP);
    }

    /** 工信部联企业〔2011〕300号 for the four sectors the rules classify. */
    static String sizeClass(Profile p) {
        String industry = p.getIndustryCode();
        if (industry == null) {
            return null;
        }
        int[][] t;
        if (industry.startsWith("B") || industry.startsWith("C") || industry.startsWith("D")) {
            t = new int[][]{{1000, 40000}, {300, 2000}, {20, 300}};
        } else if (industry.startsWith("I65")) {
            t = new int[][]{{300, 10000}, {100, 1000}, {10, 50}};
        } else if (industry.startsWith("F51")) {
            t = new int[][]{{200, 40000}, {20, 5000}, {5, 1000}};
        } else if (industry.startsWith("F52")) {
            t = new int[][]{{300, 20000}, {50, 500}, {10, 100}};
        } else {
            return null;
        }
        Integer staff = p.getInsuredEmployees();
        BigDecimal wan = p.getRevenueWan();
        String[] names = {"LARGE", "MEDIUM", "SMALL"};
        if (staff != null && wan != null) {
            for (int i = 0; i < 3; i++) {
                if (staff >= t[i][0] && wan.compareTo(BigDecimal.valueOf(t[i][1])) >= 0) {
                    return names[i];
                }
            }
            return "MICRO";
        }
        if ((staff != null && staff < t[2][0]) || (wan != null && wan.compareTo(BigDecimal.valueOf(t[2][1])) < 0)) {
            return "MICRO";
        }
        return null;
    }
}
