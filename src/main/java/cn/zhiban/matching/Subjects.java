package cn.zhiban.matching;

import cn.zhiban.enterprise.Enterprise;
import cn.zhiban.enterprise.EnterpriseInput;
import cn.zhiban.enterprise.Listing;
import cn.zhiban.enterprise.Qualification;
import cn.zhiban.matching.facts.CreditListing;
import cn.zhiban.matching.facts.HeldQualification;
import cn.zhiban.matching.facts.Profile;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Builds the matcher's facts from a stored enterprise or from a calculator questionnaire. */
public final class Subjects {
    private Subjects() {
    }

    public static Matcher.Subject of(Enterprise e) {
        return subject(e.uscc, e.regionCode, e.park, e.industryCode, e.taxCreditGrade, e.publicCreditGrade, e.establishedOn,
                e.insuredEmployees, e.revenue, e.totalAssets, e.taxPaid, e.rdExpense, e.unemploymentInsurancePaid,
                e.graduatesHired, e.qualifications, e.attributes, e.listings);
    }

    public static Matcher.Subject of(String uscc, EnterpriseInput i) {
        return subject(uscc, i.regionCode(), i.park(), i.industryCode(), i.taxCreditGrade(), i.publicCreditGrade(),
                i.establishedOn(), i.insuredEmployees(), i.revenue(), i.totalAssets(), i.taxPaid(), i.rdExpense(),
                i.unemploymentInsurancePaid(), i.graduatesHired(), i.qualifications(), i.attributes(), i.listings());
    }

    private static Matcher.Subject subject(String uscc, String regionCode, String park, String industryCode, String tax,
                                           String pub, LocalDate establishedOn, Integer staff, BigDecimal revenue,
                                           BigDecimal assets, BigDecimal taxPaid, BigDecimal rd, BigDecimal ui, Integer graduates,
                                           List<Qualification> qualifications, Map<String, Object> attributes, List<Listing> listings) {
        Profile profile = new Profile(uscc, regionCode, park, industryCode, tax, pub, establishedOn, staff, revenue, assets,
                taxPaid, rd, ui, graduates, qualifications != null, attributes);
        List<HeldQualification> held = qualifications == null ? List.of()
                : qualifications.stream().map(q -> new HeldQualification(uscc, q.type(), q.since(), q.until())).toList();
        List<CreditListing> lists = listings == null ? List.of()
                : listings.stream().map(l -> new CreditListing(uscc, l.list(), l.since(), l.until())).toList();
        return new Matcher.Subject(profile, held, lists);
    }
}
