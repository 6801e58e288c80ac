package cn.zhiban.acceptance;

import cn.zhiban.catalogue.Calendars;
import cn.zhiban.catalogue.ServiceItemDefinition;
import cn.zhiban.catalogue.WorkingDayCalendar;
import cn.zhiban.rules.CompiledRuleSet;
import cn.zhiban.rules.RuleSetCompiler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped acceptance rules, compiled for real, on items the catalogue does not have (a MEDIUM-risk
 * item that lists the waiver) and on histories the API cannot produce yet (events a year old).
 */
class AcceptanceRulesTest {
    private static final LocalDate DAY = LocalDate.of(2026, 6, 1);
    private static CompiledRuleSet rules;
    private static WorkingDayCalendar calendar;

    @BeforeAll
    static void compile() {
        rules = RuleSetCompiler.compile("acceptance", Path.of("rules/acceptance"));
        calendar = new WorkingDayCalendar(Calendars.read(Path.of("policy-data/calendars")));
    }

    private static ServiceItemDefinition item(String risk) {
        return new ServiceItemDefinition("TEST-ITEM-001", "测试事项", "测试", "测试依据", risk, "SIMPLE", 20, 10,
                List.of("APPROVAL_WAIVER", "SITE_INSPECTION_PLEDGE", "MATERIAL_PLEDGE", "CONDITIONAL_ACCEPTANCE"), 5, 20,
                List.of(new ServiceItemDefinition.Material("M01", "申请书", true, false, false),
                        new ServiceItemDefinition.Material("M02", "次要材料", false, true, false)),
                new ServiceItemDefinition.SiteInspection(false, false, 0), null);
    }

    private static DecisionAnswer decide(String risk, List<String> submitted, AcceptanceEngine.HistoryFact... history) {
        var applicant = new AcceptanceEngine.ApplicantCredit("91510107MA6LGA5KXD", "A", "A", List.of(), null, List.of(history));
        var request = new DecisionRequest("TEST-ITEM-001", applicant.uscc(), DAY, submitted, List.of(), false);
        return AcceptanceEngine.decide(rules, calendar, item(risk), applicant, request, UUID.randomUUID());
    }

    private static List<String> refused(DecisionAnswer answer) {
        return answer.reasons().stream().filter(r -> r.outcome().equals("REFUSED")).map(DecisionAnswer.ReasonLine::ruleId).toList();
    }

    @Test
    void waiverOnlyForLowRiskItems() {
        assertEquals("APPROVAL_WAIVER", decide("LOW", List.of("M01", "M02")).mode());
        DecisionAnswer medium = decide("MEDIUM", List.of("M01", "M02"));
        assertEquals("STANDARD", medium.mode());
        assertTrue(refused(medium).contains("ACC-RISK-01"), medium.reasons().toString());
    }

    @Test
    void overdueSupplementsCountOnlyWithinTwelveMonths() {
        var old = new AcceptanceEngine.HistoryFact("OVERDUE_SUPPLEMENT", DAY.minusMonths(12), null);
        var recent = new AcceptanceEngine.HistoryFact("OVERDUE_SUPPLEMENT", DAY.minusMonths(2), null);
        var recent2 = new AcceptanceEngine.HistoryFact("OVERDUE_SUPPLEMENT", DAY.minusMonths(1), null);
        assertEquals("CONDITIONAL_ACCEPTANCE", decide("LOW", List.of("M01"), old, recent).mode());
        DecisionAnswer twoRecent = decide("LOW", List.of("M01"), recent, recent2);
        assertEquals("NOT_ACCEPTED", twoRecent.mode());
        assertTrue(refused(twoRecent).contains("ACC-OVERDUE-01"));
    }

    @Test
    void historyAfterTheApplicationDateIsNotRead() {
        // replaying an old application must not see what happened later
        var later = new AcceptanceEngine.HistoryFact("FALSE_PLEDGE", DAY.plusDays(1), null);
        assertEquals("A", decide("LOW", List.of("M01", "M02"), later).creditBand());
        var before = new AcceptanceEngine.HistoryFact("FALSE_PLEDGE", DAY.minusDays(1), null);
        assertEquals("D", decide("LOW", List.of("M01", "M02"), before).creditBand());
    }

    @Test
    void everyReasonCarriesARuleIdAMessageAndASource() {
        DecisionAnswer answer = decide("MEDIUM", List.of("M01"), new AcceptanceEngine.HistoryFact("FALSE_PLEDGE", DAY.minusDays(1), null));
        assertTrue(!answer.reasons().isEmpty());
        for (DecisionAnswer.ReasonLine reason : answer.reasons()) {
            assertTrue(!reason.ruleId().isBlank() && !reason.message().isBlank() && !reason.source().isBlank(), reason.toString());
        }
        for (DecisionAnswer.CreditFinding finding : answer.creditFindings()) {
            assertTrue(!finding.message().isBlank() && !finding.source().isBlank(), finding.toString());
        }
    }
}
