package cn.zhiban.scale;

import cn.zhiban.enterprise.EnterpriseInput;
import cn.zhiban.enterprise.Listing;
import cn.zhiban.enterprise.ProfileJson;
import cn.zhiban.enterprise.Qualification;
import cn.zhiban.enterprise.Uscc;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded population of enterprise profiles for scale tests. Enterprise {@code i} depends only on
 * (seed, i), so any slice can be regenerated alone and identically. Spreads are plausible, not
 * statistics: mostly micro and small firms, a long tail of large ones, Chengdu-heavy, and each
 * optional field unknown (NULL, "never supplied") for 5–10% of enterprises.
 */
public final class EnterpriseGenerator {
    /** The enterprise table's columns, in the order of every CSV row (and of the file's header). */
    public static final List<String> COLUMNS = List.of("uscc", "name", "tax_credit_grade", "public_credit_grade", "listings",
            "credit_repaired_on", "region_code", "park", "industry_code", "established_on", "insured_employees", "revenue",
            "total_assets", "tax_paid", "rd_expense", "unemployment_insurance_paid", "graduates_hired", "qualifications",
            "attributes", "created_at", "updated_at");
    /** The day the population describes: "last year" is 2025, certifications may still be dated later in 2026. */
    public static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);
    private static final String LOADED_AT = "2026-06-30T00:00:00Z";
    private static final LocalDate OLDEST = LocalDate.of(1990, 1, 1);
    private static final String USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final BigInteger BODY_SPACE = BigInteger.valueOf(31).pow(7); // the codes after "MA"
    private static final BigInteger BODY_MULTIPLIER = BigInteger.valueOf(17_003_235_557L);

    private static final Sichuan.Weighted<Sichuan.Region> REGIONS = new Sichuan.Weighted<>(Sichuan.REGIONS, Sichuan.Region::weight);
    private static final Sichuan.Weighted<Sichuan.Industry> INDUSTRIES = new Sichuan.Weighted<>(Sichuan.INDUSTRIES, Sichuan.Industry::weight);

    private final long seed;

    public EnterpriseGenerator(long seed) {
        this.seed = seed;
    }

    /** One generated enterprise: its code and the profile a client would PUT for it. */
    public record Generated(String uscc, EnterpriseInput profile) {
    }

    /** Enterprise {@code i} (0 ≤ i < 31^7, the codes there are for one region and kind). */
    public Generated enterprise(long i) {
        if (i < 0 || BigInteger.valueOf(i).compareTo(BODY_SPACE) >= 0) {
            throw new IllegalArgumentException("enterprise index out of range: " + i);
        }
        // SplitMix-style mixing: neighbouring (seed, i) pairs get unrelated streams.
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i * 0xBF58476D1CE4E5B9L + 1);
        Sichuan.Region region = REGIONS.pick(r);
        Sichuan.Industry industry = INDUSTRIES.pick(r);
        String section = industry.code().substring(0, 1);
        String division = industry.code().substring(0, 3);
        String park = Sichuan.PARKS.stream()
                .filter(p -> p.districts().contains(region.code()) && r.nextDouble() < p.share())
                .map(Sichuan.Park::id).findFirst().orElse(null);

        LocalDate established = AS_OF.minusDays(Math.min((long) (-StrictMath.log(1 - r.nextDouble()) * 8 * 365),
                AS_OF.toEpochDay() - OLDEST.toEpochDay()));
        // Staff: log-normal, median 8 — most firms are micro, a few hundred in a million are large.
        int staff = (int) Math.max(1, Math.round(StrictMath.exp(StrictMath.log(8) + 1.3 * gaussian(r))));
        long revenueCents = r.nextDouble() < 0.03 ? 0 : cents(staff * revenuePerHead(section, division) * StrictMath.exp(0.8 * gaussian(r)));
        double techAffinity = switch (division) {
            case "I65", "I64", "M73", "M75" -> 2.5;
            case "C26", "C27", "C35", "C37", "C38", "C39", "C40" -> 1.8;
            default -> section.equals("C") ? 0.8 : 0.05;
        };
        double sizeFactor = staff < 10 ? 0.4 : staff < 50 ? 1.3 : staff < 300 ? 2.5 : 3;

        List<Qualification> qualifications = new ArrayList<>();
        // 高企 and 专精特新 need a year of operation first.
        boolean seasoned = established.isBefore(AS_OF.minusYears(1));
        boolean highTech = seasoned && r.nextDouble() < 0.09 * techAffinity * sizeFactor;
        if (highTech) {
            qualifications.add(certified(r, "HIGH_TECH", established, 3));
        }
        if (seasoned && r.nextDouble() < 0.03 * techAffinity * sizeFactor) {
            Qualification specialised = certified(r, "SPECIALISED_SME", established, 3);
            qualifications.add(specialised);
            if (staff >= 20 && r.nextDouble() < 0.12) {
                qualifications.add(certified(r, "LITTLE_GIANT", specialised.since(), 3));
            }
        }
        if (staff < 500 && r.nextDouble() < 0.06 * techAffinity * sizeFactor) {
            // 科技型中小企业 are listed yearly: valid to the end of the year of entry.
            int year = Math.max(established.getYear(), 2026 - r.nextInt(3));
            LocalDate since = LocalDate.of(year, 3 + r.nextInt(6), 1 + r.nextInt(28));
            qualifications.add(new Qualification("TECH_SME", since.isBefore(established) ? established : since, LocalDate.of(year, 12, 31)));
        }
        // Statistics enrol a firm only after it reports (入库); not every firm over the line is in.
        if (revenueCents >= aboveScaleCents(section, division) && r.nextDouble() < 0.6) {
            int year = Math.max(established.getYear() + 1, 2026 - (int) Math.min(15, -StrictMath.log(1 - r.nextDouble()) * 6));
            if (year <= 2026) {
                qualifications.add(new Qualification("ABOVE_SCALE", LocalDate.of(year, 1, 1), null));
            }
        }

        long rdCents = 0;
        if (revenueCents > 0 && (highTech || r.nextDouble() < Math.min(0.8, techAffinity * 0.3))) {
            double share = StrictMath.exp(StrictMath.log(0.03) + 0.7 * gaussian(r));
            rdCents = (long) (revenueCents * Math.min(0.5, highTech ? Math.max(0.04, share) : share));
        }

        List<Listing> listings = new ArrayList<>();
        LocalDate repaired = null;
        double listed = r.nextDouble();
        if (listed < 0.015) {
            String list = listed < 0.009 ? "ABNORMAL_OPERATION" : listed < 0.0135 ? "DISHONEST_DEBTOR" : "SERIOUS_DISHONESTY";
            LocalDate since = laterOf(established, AS_OF.minusDays(r.nextInt(5 * 365)));
            LocalDate until = r.nextDouble() < 0.3 ? since.plusDays(30 + r.nextInt(700)) : null;
            if (until != null && until.isAfter(AS_OF)) {
                until = null;
            }
            listings.add(new Listing(list, since, until));
            repaired = until != null && !list.equals("ABNORMAL_OPERATION") ? until : null;
        }
        boolean young = established.isAfter(AS_OF.minusYears(1));
        String taxGrade = pick(r, listed < 0.015 ? "CD" : young ? "MMMMMMMBB" : "AAAAAAAAAAAAAABBBBBBBBBBBBBBBBBBBBBBBBBMMMMMMCCCCD");
        String publicGrade = pick(r, listed < 0.015 ? "CCD" : "AAAAABBBBBBBBBBBBCCCD");

        EnterpriseInput profile = new EnterpriseInput(
                name(r, region, industry, staff),
                unknown(r, 0.06) ? null : taxGrade,
                unknown(r, 0.08) ? null : publicGrade,
                listings, repaired,
                unknown(r, 0.05) ? null : region.code(),
                park,
                unknown(r, 0.06) ? null : industry.code(),
                unknown(r, 0.05) ? null : established,
                unknown(r, 0.08) ? null : staff,
                unknown(r, 0.09) ? null : money(revenueCents),
                unknown(r, 0.10) ? null : money(cents(revenueCents / 100.0 * (section.equals("K") ? 5 : 1) * StrictMath.exp(0.7 * gaussian(r)))),
                unknown(r, 0.08) ? null : money(r.nextDouble() < 0.05 ? 0 : (long) (revenueCents * (0.01 + 0.05 * r.nextDouble()))),
                unknown(r, 0.10) ? null : money(rdCents),
                unknown(r, 0.08) ? null : money(r.nextDouble() < 0.05 ? 0 : cents(staff * (500 + 1300 * r.nextDouble()))),
                unknown(r, 0.10) ? null : graduates(r, staff),
                unknown(r, 0.07) ? null : qualifications,
                unknown(r, 0.07) ? null : attributes(r, section, division, staff, revenueCents));
        return new Generated(uscc(i, region.code()), profile);
    }

    /** Streams rows {@code from .. from+count-1} into the enterprise table with COPY; returns the rows copied. */
    public long copyInto(Connection connection, long from, long count) throws SQLException, IOException {
        String sql = "COPY enterprise (" + String.join(", ", COLUMNS) + ") FROM STDIN (FORMAT csv)";
        PGCopyOutputStream copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql), 1 << 16);
        try {
            Writer out = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16);
            writeCsv(out, from, count);
            out.flush();
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();   // a failed load leaves nothing behind
            }
        }
    }

    /**
     * The same rows to a CSV file with a header of column names; reload with
     * {@code COPY enterprise (<header>) FROM '<file>' (FORMAT csv, HEADER true)} or psql's \copy.
     */
    public void writeFile(Path file, long from, long count) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(String.join(",", COLUMNS));
            out.write('\n');
            writeCsv(out, from, count);
        }
    }

    /** Rows {@code from .. from+count-1} as CSV lines (no header), one enterprise at a time. */
    public void writeCsv(Writer out, long from, long count) throws IOException {
        StringBuilder line = new StringBuilder(512);
        for (long i = from; i < from + count; i++) {
            line.setLength(0);
            appendRow(line, enterprise(i));
            out.append(line);
        }
    }

    private static void appendRow(StringBuilder line, Generated g) {
        EnterpriseInput e = g.profile();
        Object[] values = {g.uscc(), e.name(), e.taxCreditGrade(), e.publicCreditGrade(), ProfileJson.write(e.listings()), e.creditRepairedOn(),
                e.regionCode(), e.park(), e.industryCode(), e.establishedOn(), e.insuredEmployees(), plain(e.revenue()),
                plain(e.totalAssets()), plain(e.taxPaid()), plain(e.rdExpense()), plain(e.unemploymentInsurancePaid()),
                e.graduatesHired(), ProfileJson.write(e.qualifications()), ProfileJson.write(e.attributes()), LOADED_AT, LOADED_AT};
        for (int c = 0; c < values.length; c++) {
            if (c > 0) {
                line.append(',');
            }
            if (values[c] != null) {   // an empty unquoted field is NULL in COPY's csv format
                String text = values[c].toString();
                if (text.indexOf('"') >= 0 || text.indexOf(',') >= 0) {
                    line.append('"').append(text.replace("\"", "\"\"")).append('"');
                } else {
                    line.append(text);
                }
            }
        }
        line.append('\n');
    }

    /** 18 characters: 9 (market regulation) 1 (enterprise), the region, "MA" + seven characters that encode i, the check. */
    private String uscc(long i, String regionCode) {
        // i times a multiplier prime to 31 is a bijection modulo 31^7: unique codes that do not look sequential.
        long body = BigInteger.valueOf(i).multiply(BODY_MULTIPLIER).add(BigInteger.valueOf(seed)).mod(BODY_SPACE).longValue();
        char[] code = ("91" + regionCode + "MA0000000").toCharArray();
        for (int p = 16; p >= 10; p--) {
            code[p] = USCC_CHARS.charAt((int) (body % 31));
            body /= 31;
        }
        String first17 = new String(code);
        return first17 + Uscc.checkCharacter(first17);
    }

    private static String name(SplittableRandom r, Sichuan.Region region, Sichuan.Industry industry, int staff) {
        String city = Sichuan.CITIES.get(region.city());
        String[] names = Sichuan.TRADE_NAMES;
        String form = staff >= 300 && r.nextDouble() < 0.4 ? "股份有限公司" : r.nextDouble() < 0.15 ? "有限责任公司" : "有限公司";
        return city.substring(0, city.length() - 1) + names[r.nextInt(names.length)] + names[r.nextInt(names.length)] + industry.word() + form;
    }

    private static Qualification certified(SplittableRandom r, String type, LocalDate notBefore, int years) {
        // Mostly current certificates; some obtained in 2026 (what "newly certified" policies look for).
        LocalDate since = laterOf(notBefore.plusMonths(6), AS_OF.plusDays(120 - r.nextInt(years * 365 + 120)));
        return new Qualification(type, since, since.plusYears(years).minusDays(1));
    }

    private static Map<String, Object> attributes(SplittableRandom r, String section, String division, int staff, long revenueCents) {
        Map<String, Object> a = new LinkedHashMap<>();
        if (r.nextDouble() < 0.88) {
            a.put("layoffRate", r.nextDouble() < 0.75 ? 0.0 : round(Math.min(0.5, StrictMath.exp(StrictMath.log(0.03) + 0.8 * gaussian(r))), 3));
        }
        if (r.nextDouble() < 0.9) {
            a.put("smallScaleTaxpayer", revenueCents < 500_000_000L ? r.nextDouble() < 0.85 : r.nextDouble() < 0.02);
        }
        if (r.nextDouble() < 0.75) {
            a.put("revenueGrowth", round(Math.max(-0.9, 0.05 + 0.2 * gaussian(r)), 3));
        }
        if (division.equals("I65") && r.nextDouble() < 0.8) {
            a.put("softwareRevenueShare", round(0.3 + 0.7 * r.nextDouble(), 2));
        }
        if ((section.equals("C") || division.equals("F51")) && r.nextDouble() < 0.2) {
            a.put("exportRevenue", money((long) (revenueCents * (0.02 + 0.5 * r.nextDouble()))));
        }
        if (section.equals("C") && r.nextDouble() < 0.7) {
            boolean green = r.nextDouble() < 0.01 * (staff < 50 ? 0.5 : staff < 300 ? 4 : 10);
            a.put("greenFactory", green);
            if (green) {
                a.put("greenFactoryLevel", r.nextDouble() < 0.3 ? "国家级" : "省级");
                a.put("greenFactoryYear", 2019 + r.nextInt(8));
            }
        }
        if (r.nextDouble() < 0.004 * (staff >= 100 ? 20 : 1)) {
            a.put("listingStage", pickOf(r, "NEEQ_BASIC", "NEEQ_BASIC", "NEEQ_BASIC", "NEEQ_INNOVATION", "BSE_ACCEPTED",
                    "SH_SZ_TUTORING", "SH_SZ_TUTORING", "SH_SZ_ACCEPTED", "SH_SZ_LISTED", "SH_SZ_LISTED"));
        }
        if (r.nextDouble() < 0.4) {
            a.put("majorIncident", r.nextDouble() < 0.005);
        }
        return a;
    }

    private static double revenuePerHead(String section, String division) {
        return switch (division) {
            case "F51" -> 1_200_000;
            case "F52" -> 400_000;
            case "K70" -> 1_000_000;
            case "H62", "H61" -> 120_000;
            default -> switch (section) {
                case "C", "D", "B" -> 350_000;
                case "E", "G" -> 300_000;
                default -> 200_000;
            };
        };
    }

    /** 规模以上 thresholds (上年度主营业务收入): industry 20M, wholesale 20M, retail 5M, hospitality 2M, services 10M. */
    private static long aboveScaleCents(String section, String division) {
        long yuan = switch (section) {
            case "B", "C", "D" -> 20_000_000;
            case "F" -> division.equals("F52") ? 5_000_000 : 20_000_000;
            case "H" -> 2_000_000;
            default -> 10_000_000;
        };
        return yuan * 100;
    }

    private static Integer graduates(SplittableRandom r, int staff) {
        if (staff < 5) {
            return r.nextDouble() < 0.05 ? 1 : 0;
        }
        return (int) Math.floor(staff * 0.04 * StrictMath.exp(0.8 * gaussian(r)) * r.nextDouble() * 2);
    }

    private static boolean unknown(SplittableRandom r, double rate) {
        return r.nextDouble() < rate;
    }

    private static String pick(SplittableRandom r, String letters) {
        return String.valueOf(letters.charAt(r.nextInt(letters.length())));
    }

    private static String pickOf(SplittableRandom r, String... values) {
        return values[r.nextInt(values.length)];
    }

    /** Box–Muller with StrictMath: the same numbers on every JVM, which RandomGenerator.nextGaussian does not promise. */
    private static double gaussian(SplittableRandom r) {
        return StrictMath.sqrt(-2 * StrictMath.log(1 - r.nextDouble())) * StrictMath.cos(2 * Math.PI * r.nextDouble());
    }

    private static long cents(double yuan) {
        return Math.max(0, Math.round(yuan * 100));
    }

    private static BigDecimal money(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static double round(double value, int decimals) {
        double scale = StrictMath.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private static LocalDate laterOf(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
