package cn.zhiban.acceptance;

import cn.zhiban.catalogue.CalendarMissingException;
import cn.zhiban.catalogue.Calendars;
import cn.zhiban.catalogue.ServiceItem;
import cn.zhiban.catalogue.ServiceItemDefinition;
import cn.zhiban.catalogue.WorkingDayCalendar;
import cn.zhiban.enterprise.CreditEvent;
import cn.zhiban.enterprise.Enterprise;
import cn.zhiban.enterprise.Enterprises;
import cn.zhiban.rules.CompiledRuleSet;
import cn.zhiban.rules.RuleSets;
import cn.zhiban.web.ApiProblem;
import cn.zhiban.web.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Decides applications and stores each decision with the obligations it creates. */
@ApplicationScoped
public class AcceptanceService {
    @Inject
    Clock clock;
    public static final String RULE_SET = "acceptance";

    @Inject
    RuleSets ruleSets;
    @Inject
    Calendars calendars;
    @Inject
    Enterprises enterprises;
    @Inject
    cn.zhiban.rulesets.RuleSetService ruleSetVersions;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    @Transactional
    public DecisionAnswer decide(DecisionRequest request) {
        WorkingDayCalendar calendar = calendars.current();
        validateShape(request, calendar);
        ServiceItem item = ServiceItem.findById(request.itemCode());
        if (item == null || !item.active) {
            throw ApiProblem.notFound("itemCode", "事项 " + request.itemCode() + " 不在目录中");
        }
        validateMaterials(request, item.definition);
        // FOR SHARE: a decision reads a consistent credit history while sweeps and verifications write it.
        Enterprise applicant = Enterprise.findById(request.applicantUscc(), LockModeType.PESSIMISTIC_READ);
        if (applicant == null) {
            throw ApiProblem.notFound("applicantUscc", "申请人 " + request.applicantUscc() + " 未登记,请先 PUT /api/v1/enterprises/" + request.applicantUscc());
        }
        CompiledRuleSet rules = ruleSets.active(RULE_SET);
        UUID id = UUID.randomUUID();
        DecisionAnswer answer;
        AcceptanceEngine.ApplicantCredit credit = credit(applicant);
        try {
            answer = AcceptanceEngine.decide(rules, calendar, item.definition, credit, request, id);
        } catch (CalendarMissingException e) {
            throw ApiProblem.invalid("applicationDate", "期限需按工作日计算至" + e.year() + "年,但" + e.year() + "年的工作日历尚未载入(policy-data/calendars/" + e.year() + ".yaml)");
        }
        store(id, request, answer, new DecisionInputs(credit, item.definition));
        return answer;
    }

    @Transactional
    public DecisionRecord get(UUID id) {
        Decision d = Decision.findById(id);
        if (d == null) {
            throw ApiProblem.notFound("decisionId", "决定 " + id + " 不存在");
        }
        return DecisionRecord.of(d, Obligation.of(id));
    }

    public record Replay(UUID decisionId, String recordedVersion, String replayedVersion, boolean identical,
                         List<String> differences, DecisionAnswer stored, DecisionAnswer replayed) {
    }

    /**
     * Re-evaluates a stored decision from its stored inputs, under the version that made it
     * ({@code version} null) or the active one ({@code "active"}), and lists what differs.
     */
    public Replay replay(UUID id, String version) {
        Decision d = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> Decision.findById(id));
        if (d == null) {
            throw ApiProblem.notFound("decisionId", "决定 " + id + " 不存在");
        }
        if (d.inputs == null) {
            throw ApiProblem.conflict("decisionId", "该决定早于决策输入留存功能,无法重放");
        }
        CompiledRuleSet rules;
        if (version == null || version.isBlank()) {
            rules = ruleSetVersions.compile(d.rulesetVersion).compiled();
        } else if ("active".equals(version)) {
            rules = ruleSets.active(RULE_SET);
        } else {
            throw ApiProblem.invalid("version", "只能省略(按原版本重放)或为 active");
        }
        DecisionAnswer replayed = AcceptanceEngine.decide(rules, calendars.current(), d.inputs.item(), d.inputs.applicant(), d.request, d.id);
        com.fasterxml.jackson.databind.JsonNode before = json.valueToTree(d.answer);
        com.fasterxml.jackson.databind.JsonNode after = json.valueToTree(replayed);
        List<String> differences = new java.util.ArrayList<>();
        JsonDiff.diff("", before, after, differences);
        return new Replay(d.id, d.rulesetVersion, rules.version(), differences.isEmpty(), differences, d.answer, replayed);
    }

    static AcceptanceEngine.ApplicantCredit credit(Enterprise e) {
        return new AcceptanceEngine.ApplicantCredit(e.uscc, e.taxCreditGrade, e.publicCreditGrade,
                e.listings == null ? List.of() : e.listings, e.creditRepairedOn,
                CreditEvent.of(e.uscc).stream().map(ev -> new AcceptanceEngine.HistoryFact(ev.kind, ev.occurredOn, ev.decisionId)).toList());
    }

    private void validateShape(DecisionRequest r, WorkingDayCalendar calendar) {
        Validation v = new Validation();
        if (r == null) {
            v.reject("(body)", "请求体必填").throwIfInvalid();
        }
        if (r.itemCode() == null || r.itemCode().isBlank()) {
            v.reject("itemCode", "事项编码必填");
        }
        if (r.applicantUscc() == null) {
            v.reject("applicantUscc", "申请人统一社会信用代码必填");
        } else {
            enterprises.usccProblem(r.applicantUscc()).ifPresent(reason -> v.reject("applicantUscc", reason));
        }
        if (r.applicationDate() == null) {
            v.reject("applicationDate", "申请日期必填(YYYY-MM-DD)");
        } else if (!calendar.covers(r.applicationDate())) {
            v.reject("applicationDate", r.applicationDate().getYear() + "年的工作日历尚未载入(policy-data/calendars/"
                    + r.applicationDate().getYear() + ".yaml),无法计算工作日期限");
        }
        rejectNulls(v, "submittedMaterials", r.submittedMaterials());
        rejectNulls(v, "pledgedMaterials", r.pledgedMaterials());
        v.throwIfInvalid();
    }

    private static void rejectNulls(Validation v, String field, List<String> codes) {
        if (codes == null) {
            return;
        }
        for (int i = 0; i < codes.size(); i++) {
            if (codes.get(i) == null || codes.get(i).isBlank()) {
                v.reject(field + "[" + i + "]", "材料编码不能为空");
            }
        }
    }

    private static void validateMaterials(DecisionRequest r, ServiceItemDefinition item) {
        Validation v = new Validation();
        Set<String> submitted = new HashSet<>();
        for (int i = 0; i < r.submitted().size(); i++) {
            String code = r.submitted().get(i);
            if (item.material(code) == null) {
                v.reject("submittedMaterials[" + i + "]", "事项 " + item.code() + " 没有材料 " + code);
            } else if (!submitted.add(code)) {
                v.reject("submittedMaterials[" + i + "]", "材料 " + code + " 重复");
            }
        }
        Set<String> pledged = new HashSet<>();
        for (int i = 0; i < r.pledged().size(); i++) {
            String code = r.pledged().get(i);
            if (item.material(code) == null) {
                v.reject("pledgedMaterials[" + i + "]", "事项 " + item.code() + " 没有材料 " + code);
            } else if (submitted.contains(code)) {
                v.reject("pledgedMaterials[" + i + "]", "材料 " + code + " 已在 submittedMaterials 中提交,不能同时承诺");
            } else if (!pledged.add(code)) {
                v.reject("pledgedMaterials[" + i + "]", "材料 " + code + " 重复");
            }
        }
        v.throwIfInvalid();
    }

    private void store(UUID id, DecisionRequest request, DecisionAnswer answer, DecisionInputs inputs) {
        Decision d = new Decision();
        d.id = id;
        d.itemCode = request.itemCode();
        d.applicantUscc = request.applicantUscc();
        d.applicationDate = request.applicationDate();
        d.mode = answer.mode();
        d.creditBand = answer.creditBand();
        d.status = "NOT_ACCEPTED".equals(answer.mode()) ? Decision.NOT_ACCEPTED : Decision.ACCEPTED;
        d.request = request;
        d.answer = answer;
        d.inputs = inputs;
        d.rulesetVersion = answer.rulesetVersion();
        d.createdAt = clock.instant();
        d.persist();
        if (Decision.NOT_ACCEPTED.equals(d.status)) {
            return;
        }
        for (DecisionAnswer.MaterialLine m : answer.materials()) {
            switch (m.treatment()) {
                case "SUPPLEMENT_LATER" -> obligation(id, Obligation.SUPPLEMENT, m.code(), m.dueDate());
                case "PLEDGED" -> obligation(id, Obligation.MATERIAL_PLEDGE, m.code(), m.dueDate());
                default -> { }
            }
        }
        if ("PLEDGED".equals(answer.siteInspection().treatment())) {
            obligation(id, Obligation.SITE_INSPECTION, null, answer.siteInspection().dueDate());
        }
    }

    private static void obligation(UUID decisionId, String kind, String materialCode, LocalDate dueDate) {
        Obligation o = new Obligation();
        o.decisionId = decisionId;
        o.kind = kind;
        o.materialCode = materialCode;
        o.dueDate = dueDate;
        o.state = Obligation.PENDING;
        o.persist();
    }
}
