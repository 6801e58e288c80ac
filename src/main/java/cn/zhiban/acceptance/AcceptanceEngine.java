package cn.zhiban.acceptance;

import cn.zhiban.acceptance.facts.AcceptanceMode;
import cn.zhiban.acceptance.facts.Applicant;
import cn.zhiban.acceptance.facts.Application;
import cn.zhiban.acceptance.facts.AppliedRelief;
import cn.zhiban.acceptance.facts.BandFinding;
import cn.zhiban.acceptance.facts.CreditBand;
import cn.zhiban.acceptance.facts.CreditGrade;
import cn.zhiban.acceptance.facts.InspectionTreatment;
import cn.zhiban.acceptance.facts.MaterialFact;
import cn.zhiban.acceptance.facts.MaterialTreatment;
import cn.zhiban.acceptance.facts.Reason;
import cn.zhiban.acceptance.facts.ServiceItemFact;
import cn.zhiban.catalogue.ServiceItemDefinition;
import cn.zhiban.catalogue.WorkingDays;
import cn.zhiban.enterprise.Listing;
import cn.zhiban.rules.CompiledRuleSet;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns an application into facts, lets the acceptance rules decide, and reads the answer back.
 * Knows the fact model, not the policy: every mode, band, deadline and message comes from the rules.
 * No database access, so it can be measured and tested on its own.
 */
public final class AcceptanceEngine {

    /** The applicant's credit as the rules need it; history is what the service recorded. */
    public record ApplicantCredit(String uscc, String taxCreditGrade, String publicCreditGrade, List<Listing> listings,
                                  LocalDate creditRepairedOn, List<HistoryFact> history) {
    }

    public record HistoryFact(String kind, LocalDate date, UUID decisionId) {
    }

    private AcceptanceEngine() {
    }

    public static DecisionAnswer decide(CompiledRuleSet rules, WorkingDays workingDays, ServiceItemDefinition item,
                                        ApplicantCredit applicant, DecisionRequest request, UUID decisionId) {
        return decide(rules, workingDays, item, applicant, request, decisionId, null);
    }

    /** As above, recording every rule that fired in {@code firedRules} (null: not recorded). */
    public static DecisionAnswer decide(CompiledRuleSet rules, WorkingDays workingDays, ServiceItemDefinition item,
                                        ApplicantCredit applicant, DecisionRequest request, UUID decisionId,
                                        java.util.Set<String> firedRules) {
        List<Object> derived = rules.evaluate(facts(item, applicant, request), Map.of("workingDays", workingDays), null, firedRules);
        return answer(rules, item, derived, decisionId);
    }

    /** The facts one decision inserts: the application, the applicant's credit, the item and each of its materials. */
    public static List<Object> facts(ServiceItemDefinition item, ApplicantCredit applicant, DecisionRequest request) {
        List<Object> facts = new ArrayList<>();
        facts.add(new Application(item.code(), request.applicationDate(), request.pledgesSiteInspection()));
        facts.add(new Applicant(applicant.uscc(), applicant.creditRepairedOn()));
        facts.add(new CreditGrade("TAX", applicant.taxCreditGrade()));
        facts.add(new CreditGrade("PUBLIC", applicant.publicCreditGrade()));
        for (Listing l : applicant.listings()) {
            facts.add(new cn.zhiban.acceptance.facts.Listing(l.list(), l.since(), l.until()));
        }
        for (HistoryFact h : applicant.history()) {
            facts.add(new cn.zhiban.acceptance.facts.CreditEvent(h.kind(), h.date(), h.decisionId() == null ? null : h.decisionId().toString()));
        }
        ServiceItemDefinition.SiteInspection inspection = item.siteInspection();
        facts.add(new ServiceItemFact(item.code(), item.name(), item.riskLevel(), Set.copyOf(item.allowedModes()),
                item.promisedDays(), item.supplementDays(), item.verificationDays(),
                inspection.required(), inspection.pledgeable(), inspection.inspectWithinDays()));
        // a few codes each, at most the item's materials (checked before deciding): a list serves as well as a set
        List<String> submitted = request.submitted();
        List<String> pledged = request.pledged();
        for (ServiceItemDefinition.Material m : item.materials()) {
            facts.add(new MaterialFact(m.code(), m.name(), m.core(), m.missable(), m.pledgeable(),
                    submitted.contains(m.code()), pledged.contains(m.code())));
        }
        return facts;
    }

    private static DecisionAnswer answer(CompiledRuleSet rules, ServiceItemDefinition item, List<Object> derived, UUID decisionId) {
        String mode = null;
        String band = null;
        InspectionTreatment inspection = null;
        Map<String, MaterialTreatment> treatments = new HashMap<>();
        List<String> applied = new ArrayList<>();
        List<DecisionAnswer.ReasonLine> reasons = new ArrayList<>();
        List<DecisionAnswer.CreditFinding> findings = new ArrayList<>();
        for (Object o : derived) {
            if (o instanceof AcceptanceMode m) {
                mode = single(rules, "AcceptanceMode", mode, m.getMode());
            } else if (o instanceof CreditBand b) {
                band = single(rules, "CreditBand", band, b.getBand());
            } else if (o instanceof InspectionTreatment t) {
                inspection = single(rules, "InspectionTreatment", inspection, t);
            } else if (o instanceof MaterialTreatment t) {
                if (treatments.put(t.getCode(), t) != null) {
                    throw broken(rules, "material " + t.getCode() + " was treated twice");
                }
            } else if (o instanceof AppliedRelief r) {
                applied.add(r.getRelief());
            } else if (o instanceof Reason r) {
                reasons.add(new DecisionAnswer.ReasonLine(r.getCitation().ruleId(), r.getCitation().message(),
                        r.getCitation().source(), r.getOutcome(), r.getSubject()));
            } else if (o instanceof BandFinding f) {
                findings.add(new DecisionAnswer.CreditFinding(f.getSubject(), f.getValue(), f.getBand(),
                        f.getCitation().ruleId(), f.getCitation().message(), f.getCitation().source()));
            }
        }
        if (mode == null || band == null || inspection == null) {
            throw broken(rules, "no " + (mode == null ? "AcceptanceMode" : band == null ? "CreditBand" : "InspectionTreatment"));
        }
        List<DecisionAnswer.MaterialLine> materials = new ArrayList<>();
        for (ServiceItemDefinition.Material m : item.materials()) {
            MaterialTreatment t = treatments.get(m.code());
            if (t == null) {
                throw broken(rules, "material " + m.code() + " was not treated");
            }
            materials.add(new DecisionAnswer.MaterialLine(m.code(), m.name(), t.getTreatment(), t.getDueDate()));
        }
        return new DecisionAnswer(decisionId, mode, List.copyOf(applied), band, materials,
                new DecisionAnswer.Inspection(inspection.getTreatment(), inspection.getDueDate()),
                reasons, findings, rules.version());
    }

    private static <T> T single(CompiledRuleSet rules, String what, T previous, T next) {
        if (previous != null) {
            throw broken(rules, what + " inserted twice");
        }
        return next;
    }

    private static IllegalStateException broken(CompiledRuleSet rules, String what) {
        return new IllegalStateException("rule set " + rules.version() + " is incomplete: " + what);
    }
}
