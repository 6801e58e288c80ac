package cn.zhiban.matching;

import cn.zhiban.enterprise.EnterpriseInput;
import cn.zhiban.enterprise.Listing;
import cn.zhiban.enterprise.Qualification;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Seeded random matcher subjects whose values cluster on the thresholds the policy files use; any field may be unknown. */
public final class RandomProfiles {
    private static final String[] REGIONS = {"510107", "510104", "510116", "510603", "510703", "510704", "510824", "511325", "511622", "511702", "512002", "510122"};
    private static final String[] PARKS = {"CD-GXQ", "DY-JKQ", "MY-KJC", "ZY-GXQ"};
    private static final String[] INDUSTRIES = {"C3511", "C3911", "C1311", "I6510", "I6520", "M7320", "F5131", "H6110", "K7010", "B0610", "D4411", "G5411", "R9011", "A0111"};
    private static final String[] QUALIFICATIONS = {"HIGH_TECH", "SPECIALISED_SME", "LITTLE_GIANT", "TECH_SME", "ABOVE_SCALE"};
    private static final String[] LISTS = {"DISHONEST_DEBTOR", "SERIOUS_DISHONESTY", "ABNORMAL_OPERATION"};
    private static final String[] STAGES = {"NEEQ_BASIC", "NEEQ_INNOVATION", "BSE_ACCEPTED", "SH_SZ_ACCEPTED", "SH_SZ_LISTED", "SH_SZ_TUTORING"};

    private RandomProfiles() {
    }

    public static List<Matcher.Subject> subjects(SplittableRandom random, int count) {
        List<Matcher.Subject> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(Subjects.of(String.format("91510100MA%08d", i), input(random)));
        }
        return out;
    }

    private static EnterpriseInput input(SplittableRandom r) {
        Map<String, Object> attributes = new HashMap<>();
        maybe(r, () -> attributes.put("layoffRate", new BigDecimal(r.nextInt(0, 30)).movePointLeft(2)));
        maybe(r, () -> attributes.put("exportRevenue", money(r, 3_000_000)));
        maybe(r, () -> attributes.put("greenFactory", r.nextBoolean()));
        maybe(r, () -> attributes.put("greenFactoryLevel", r.nextBoolean() ? "国家级" : "省级"));
        maybe(r, () -> attributes.put("greenFactoryYear", new BigDecimal(r.nextInt(2022, 2027))));
        maybe(r, () -> attributes.put("listingStage", STAGES[r.nextInt(STAGES.length)]));
        maybe(r, () -> attributes.put("majorIncident", r.nextInt(10) == 0));
        maybe(r, () -> attributes.put("revenueGrowth", new BigDecimal(r.nextInt(-20, 60)).movePointLeft(2)));
        maybe(r, () -> attributes.put("smallScaleTaxpayer", r.nextBoolean()));
        maybe(r, () -> attributes.put("softwareRevenueShare", new BigDecimal(r.nextInt(0, 100)).movePointLeft(2)));
        maybe(r, () -> attributes.put("suite", r.nextBoolean()));
        List<Qualification> qualifications = null;
        if (r.nextInt(10) > 0) {
            qualifications = new ArrayList<>();
            for (int q = r.nextInt(3); q > 0; q--) {
                LocalDate since = LocalDate.of(2020, 1, 1).plusDays(r.nextInt(2400));
                qualifications.add(new Qualification(QUALIFICATIONS[r.nextInt(QUALIFICATIONS.length)], since,
                        r.nextBoolean() ? null : since.plusYears(3)));
            }
        }
        List<Listing> listings = new ArrayList<>();
        if (r.nextInt(8) == 0) {
            LocalDate since = LocalDate.of(2024, 1, 1).plusDays(r.nextInt(900));
            listings.add(new Listing(LISTS[r.nextInt(LISTS.length)], since, r.nextBoolean() ? null : since.plusDays(200)));
        }
        int staff = r.nextInt(4) == 0 ? r.nextInt(0, 40) : (int) Math.exp(r.nextDouble(0, 7.5));
        return new EnterpriseInput("测试企业", orNull(r, "ABMCD".substring(r.nextInt(5)).substring(0, 1)),
                orNull(r, "ABCD".substring(r.nextInt(4)).substring(0, 1)), listings, null,
                orNull(r, REGIONS[r.nextInt(REGIONS.length)]), r.nextInt(4) == 0 ? PARKS[r.nextInt(PARKS.length)] : null,
                orNull(r, INDUSTRIES[r.nextInt(INDUSTRIES.length)]), orNull(r, LocalDate.of(2005, 1, 1).plusDays(r.nextInt(7800))),
                orNull(r, staff), orNull(r, money(r, 400_000_000)), orNull(r, money(r, 300_000_000)), orNull(r, money(r, 5_000_000)),
                orNull(r, money(r, 20_000_000)), orNull(r, money(r, 800_000)), orNull(r, r.nextInt(0, 60)),
                qualifications, attributes);
    }

    /** Money skewed towards small amounts (most enterprises are small), in yuan with cents. */
    private static BigDecimal money(SplittableRandom r, long max) {
        double x = Math.pow(r.nextDouble(), 3) * max;
        return BigDecimal.valueOf((long) (x * 100), 2);
    }

    private static <T> T orNull(SplittableRandom r, T value) {
        return r.nextInt(12) == 0 ? null : value;
    }

    private static void maybe(SplittableRandom r, Runnable put) {
        if (r.nextInt(3) > 0) {
            put.run();
        }
    }
}
