package cn.zhiban.acceptance;

import jakarta.inject.Inject;
import cn.zhiban.enterprise.CreditEvent;
import cn.zhiban.enterprise.Enterprise;
import cn.zhiban.web.ApiProblem;
import cn.zhiban.web.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The loop after a decision: supplements received, pledges verified, overdue supplements swept.
 * A false pledge or an overdue supplement is written to the applicant's credit history, which the
 * next decision's rules read. Each change locks the decision row, so racing calls serialise.
 *
 * <p>Lock order, so that racing sweeps, verifications and decisions cannot deadlock: the applicant
 * (its enterprise row) before any of its decisions, decisions in id order. A decision reads the
 * applicant FOR SHARE; whatever writes its history takes it FOR UPDATE first.
 */
@ApplicationScoped
public class ObligationService {
    @Inject
    Clock clock;

    public record SupplementRequest(List<String> materials, LocalDate date) {
    }

    public record VerificationRequest(String outcome, LocalDate date) {
    }

    public record SweepRequest(LocalDate asOf) {
    }

    public record SweepResult(LocalDate asOf, int obligationsOverdue, List<UUID> decisionsTerminated) {
    }

    @Transactional
    public DecisionRecord supplement(UUID decisionId, SupplementRequest request) {
        Validation v = new Validation();
        if (request == null || request.materials() == null || request.materials().isEmpty()) {
            v.reject("materials", "至少列出一份补正的材料");
        }
        if (request == null || request.date() == null) {
            v.reject("date", "补正日期必填(YYYY-MM-DD)");
        }
        v.throwIfInvalid();
        Decision decision = lockOpen(decisionId, request.date());
        List<Obligation> obligations = Obligation.of(decisionId);
        Set<String> seen = new HashSet<>();
        List<Obligation> received = new ArrayList<>();
        for (int i = 0; i < request.materials().size(); i++) {
            String code = request.materials().get(i);
            String field = "materials[" + i + "]";
            Obligation o = obligations.stream()
                    .filter(ob -> Obligation.SUPPLEMENT.equals(ob.kind) && ob.materialCode.equals(code)).findFirst().orElse(null);
            if (o == null) {
                v.reject(field, "材料 " + code + " 不是本案容缺待补正的材料");
            } else if (!seen.add(code)) {
                v.reject(field, "材料 " + code + " 重复");
            } else if (!Obligation.PENDING.equals(o.state)) {
                v.reject(field, "材料 " + code + " 已于 " + o.resolvedOn + " 补正");
            } else if (request.date().isAfter(o.dueDate)) {
                throw ApiProblem.conflict(field, "材料 " + code + " 的补正期限为 " + o.dueDate + ",已逾期;逾期未补正的案件由期限清查终止办理");
            } else {
                received.add(o);
            }
        }
        v.throwIfInvalid();
        for (Obligation o : received) {
            o.state = Obligation.FULFILLED;
            o.resolvedOn = request.date();
        }
        return DecisionRecord.of(decision, obligations);
    }

    @Transactional
    public DecisionRecord verify(UUID decisionId, VerificationRequest request) {
        Validation v = new Validation();
        if (request == null || !("TRUE".equals(request.outcome()) || "FALSE".equals(request.outcome()))) {
            v.reject("outcome", "核查结论应为 TRUE(承诺属实)或 FALSE(虚假承诺)");
        }
        if (request == null || request.date() == null) {
            v.reject("date", "核查日期必填(YYYY-MM-DD)");
        }
        v.throwIfInvalid();
        boolean truthful = "TRUE".equals(request.outcome());
        if (!truthful) {
            lockApplicantOf(decisionId);
        }
        Decision decision = lockOpen(decisionId, request.date());
        List<Obligation> obligations = Obligation.of(decisionId);
        List<Obligation> pledges = obligations.stream().filter(o -> o.isPledge() && Obligation.PENDING.equals(o.state)).toList();
        if (pledges.isEmpty()) {
            throw ApiProblem.conflict("decisionId", "本案没有待核查的承诺");
        }
        for (Obligation o : pledges) {
            o.state = truthful ? Obligation.VERIFIED_TRUE : Obligation.VERIFIED_FALSE;
            o.resolvedOn = request.date();
        }
        if (!truthful) {
            decision.status = Decision.REVOKED;
            cancelPending(obligations, request.date());
            recordCreditEvent(decision, CreditEvent.FALSE_PLEDGE, request.date());
        }
        return DecisionRecord.of(decision, obligations);
    }

    /** Every supplement not received by its due date becomes overdue and ends its case. Running it twice changes nothing more. */
    @Transactional
    public SweepResult sweep(SweepRequest request) {
        if (request == null || request.asOf() == null) {
            throw ApiProblem.invalid("asOf", "清查日期必填(YYYY-MM-DD)");
        }
        List<Object[]> due = Obligation.getEntityManager().createQuery("""
                        select distinct d.applicantUscc, d.id from Decision d, Obligation o
                        where o.decisionId = d.id and o.kind = ?1 and o.state = ?2 and o.dueDate < ?3
                        order by d.applicantUscc, d.id""", Object[].class)
                .setParameter(1, Obligation.SUPPLEMENT).setParameter(2, Obligation.PENDING).setParameter(3, request.asOf())
                .getResultList();
        int overdue = 0;
        List<UUID> terminated = new ArrayList<>();
        String lockedApplicant = null;
        for (Object[] row : due) {
            if (!row[0].equals(lockedApplicant)) {
                lockedApplicant = (String) row[0];
                Enterprise.findById(lockedApplicant, LockModeType.PESSIMISTIC_WRITE);
            }
            UUID id = (UUID) row[1];
            Decision decision = Decision.findById(id, LockModeType.PESSIMISTIC_WRITE);
            if (!Decision.ACCEPTED.equals(decision.status)) {
                continue;
            }
            List<Obligation> obligations = Obligation.of(id);
            LocalDate firstOverdueDay = null;
            for (Obligation o : obligations) {
                if (Obligation.SUPPLEMENT.equals(o.kind) && Obligation.PENDING.equals(o.state) && o.dueDate.isBefore(request.asOf())) {
                    o.state = Obligation.OVERDUE;
                    o.resolvedOn = o.dueDate.plusDays(1);
                    overdue++;
                    if (firstOverdueDay == null || o.resolvedOn.isBefore(firstOverdueDay)) {
                        firstOverdueDay = o.resolvedOn;
                    }
                }
            }
            decision.status = Decision.TERMINATED;
            cancelPending(obligations, firstOverdueDay);
            recordCreditEvent(decision, CreditEvent.OVERDUE_SUPPLEMENT, firstOverdueDay);
            terminated.add(id);
        }
        return new SweepResult(request.asOf(), overdue, terminated);
    }

    private static Decision lockOpen(UUID decisionId, LocalDate date) {
        Decision decision = Decision.findById(decisionId, LockModeType.PESSIMISTIC_WRITE);
        if (decision == null) {
            throw ApiProblem.notFound("decisionId", "决定 " + decisionId + " 不存在");
        }
        if (!Decision.ACCEPTED.equals(decision.status)) {
            throw ApiProblem.conflict("decisionId", "本案状态为 " + decision.status + ",不再接受补正或核查");
        }
        if (date.isBefore(decision.applicationDate)) {
            throw ApiProblem.invalid("date", "日期 " + date + " 早于申请日 " + decision.applicationDate);
        }
        return decision;
    }

    private static void cancelPending(List<Obligation> obligations, LocalDate on) {
        for (Obligation o : obligations) {
            if (Obligation.PENDING.equals(o.state)) {
                o.state = Obligation.CANCELLED;
                o.resolvedOn = on;
            }
        }
    }

    /** The caller holds the applicant FOR UPDATE, taken before the decision: decisions reading its history wait. */
    private void recordCreditEvent(Decision decision, String kind, LocalDate on) {
        CreditEvent.record(decision.applicantUscc, kind, on, decision.id, clock);
    }

    /** Locks a decision's applicant before the decision (read without loading it, so the locked read after is fresh). */
    private static void lockApplicantOf(UUID decisionId) {
        List<?> applicant = Decision.getEntityManager().createNativeQuery("select applicant_uscc from acceptance_decision where id = ?1")
                .setParameter(1, decisionId).getResultList();
        if (!applicant.isEmpty()) {
            Enterprise.findById(applicant.get(0), LockModeType.PESSIMISTIC_WRITE);
        }
    }
}
