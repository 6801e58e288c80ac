package cn.zhiban.grants;

import cn.zhiban.catalogue.Calendars;
import cn.zhiban.matching.MatchResult;
import cn.zhiban.matching.PolicyDefinition;
import cn.zhiban.matching.Policies;
import cn.zhiban.storage.SqlValues;
import cn.zhiban.web.ApiProblem;
import cn.zhiban.web.Validation;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Grants and their states. Budget and uniqueness are guarded by the database: offers lock the policy
 * row (so runs of one policy serialise) and insert with ON CONFLICT DO NOTHING on (policy, enterprise,
 * period). Offers go in USCC order while the budget lasts; the rest are WAITLISTED in the same order,
 * and money freed by a declined or expired grant goes to the first waitlisted grant that fits.
 */
@ApplicationScoped
public class GrantService {
    @Inject
    Clock clock;
    @Inject
    Policies policies;
    @Inject
    Calendars calendars;
    @Inject
    Inbox inbox;

    public record Offered(int offered, int waitlisted, int already) {
    }

    public record ConfirmRequest(String bankAccount, LocalDate date) {
    }

    public record DateRequest(LocalDate date) {
    }

    public record SweepResult(LocalDate asOf, int expired, int promoted) {
    }

    /** An enterprise found eligible by a run, with its amount and the benefit lines behind it. */
    public record Offer(String uscc, BigDecimal amount, List<MatchResult.BreakdownLine> breakdown) {
    }

    /**
     * Offers grants to one chunk's eligible enterprises (in USCC order) inside the caller's transaction, with
     * batched statements. The policy row lock serialises every writer of this policy's grants, so the
     * existing grants read here stay exact until commit; the unique key still refuses any duplicate.
     */
    @Transactional
    public Offered offer(PolicyDefinition policy, List<Offer> offers, LocalDate asOf, UUID runId, String rulesetVersion) {
        if (offers.isEmpty()) {
            return new Offered(0, 0, 0);
        }
        var em = Panache.getEntityManager();
        BigDecimal budget = lockPolicy(policy.id());
        @SuppressWarnings("unchecked")
        List<String> existing = em.createNativeQuery("select uscc from grant_offer where policy_id = ?1 and period = ?2 and uscc in (?3)")
                .setParameter(1, policy.id()).setParameter(2, policy.period()).setParameter(3, offers.stream().map(Offer::uscc).toList())
                .getResultList();
        java.util.Set<String> already = new java.util.HashSet<>(existing);
        BigDecimal committed = committed(policy.id());
        Integer lastRank = null;
        LocalDate confirmBy = calendars.current().plus(asOf, policy.confirmationDays());
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> events = new ArrayList<>();
        List<Inbox.Message> messages = new ArrayList<>();
        int offered = 0;
        int waitlisted = 0;
        for (Offer o : offers) {
            if (already.contains(o.uscc())) {
                continue;
            }
            boolean fits = budget == null || committed.add(o.amount()).compareTo(budget) <= 0;
            Integer rank = null;
            if (!fits) {
                lastRank = lastRank == null ? nextRank(policy.id()) : lastRank + 1;
                rank = lastRank;
            }
            UUID id = UUID.randomUUID();
            String state = fits ? Grant.OFFERED : Grant.WAITLISTED;
            rows.add(new Object[]{id, policy.id(), o.uscc(), policy.period(), o.amount(), BreakdownJson.write(o.breakdown()), state, rank,
                    fits ? java.sql.Date.valueOf(confirmBy) : null, runId, rulesetVersion, now, now});
            events.add(new Object[]{id, null, state, "run " + runId, now});
            if (fits) {
                committed = committed.add(o.amount());
                offered++;
                messages.add(offerMessage(policy, o.uscc(), id, o.amount(), confirmBy));
            } else {
                waitlisted++;
            }
        }
        em.unwrap(org.hibernate.Session.class).doWork(connection -> {
            SqlValues.batch(connection, """
                    insert into grant_offer (id, policy_id, uscc, period, amount, breakdown, state, waitlist_rank, confirm_by,
                        run_id, ruleset_version, created_at, updated_at)
                    values (?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?)""", rows);
            SqlValues.batch(connection, "insert into grant_event (grant_id, from_state, to_state, note, at) values (?, ?, ?, ?, ?)", events);
        });
        inbox.sendAll(messages);
        return new Offered(offered, waitlisted, already.size());
    }

    @Transactional
    public List<GrantView> ofEnterprise(String uscc) {
        List<Grant> grants = Grant.list("uscc = ?1 order by createdAt, id", uscc);
        return grants.stream().map(this::view).toList();
    }

    @Transactional
    public GrantView get(UUID id) {
        return view(find(id));
    }

    @Transactional
    public GrantView confirm(UUID id, ConfirmRequest request) {
        Validation v = new Validation();
        if (request == null || request.bankAccount() == null || !request.bankAccount().matches("\\d{8,32}")) {
            v.reject("bankAccount", "银行账号应为8至32位数字");
        }
        v.throwIfInvalid();
        LocalDate date = request.date() == null ? LocalDate.now(clock) : request.date();
        Grant g = lockGrant(id);
        requireState(g, Grant.OFFERED, "确认");
        if (date.isAfter(g.confirmBy)) {
            throw ApiProblem.conflict("date", "确认期限为 " + g.confirmBy + ",已过期;逾期未确认视为放弃");
        }
        g.bankAccount = request.bankAccount();
        move(g, Grant.CONFIRMED, "confirmed on " + date);
        return view(g);
    }

    @Transactional
    public GrantView decline(UUID id) {
        // Policy first, then the grant (the order offers use); the policy id is read without loading
        // the grant, so the locked read below sees the committed state, not a cached one.
        List<?> policy = Panache.getEntityManager().createNativeQuery("select policy_id from grant_offer where id = ?1")
                .setParameter(1, id).getResultList();
        if (policy.isEmpty()) {
            throw ApiProblem.notFound("grantId", "补贴 " + id + " 不存在");
        }
        lockPolicy((String) policy.get(0));
        Grant g = lockGrant(id);
        if (!Grant.OFFERED.equals(g.state) && !Grant.WAITLISTED.equals(g.state)) {
            throw ApiProblem.conflict("state", "补贴状态为 " + g.state + ",不能放弃");
        }
        move(g, Grant.DECLINED, "declined");
        promoteWaitlisted(g.policyId, LocalDate.now(clock));
        return view(g);
    }

    @Transactional
    public GrantView disburse(UUID id) {
        Grant g = lockGrant(id);
        requireState(g, Grant.CONFIRMED, "拨付");
        move(g, Grant.DISBURSED, "disbursed to " + g.bankAccount);
        return view(g);
    }

    /** Offers not confirmed by their date expire; their money goes to the waitlist. */
    @Transactional
    public SweepResult expire(LocalDate asOf) {
        if (asOf == null) {
            throw ApiProblem.invalid("asOf", "清查日期必填(YYYY-MM-DD)");
        }
        List<String> policyIds = Panache.getEntityManager().createQuery(
                        "select distinct g.policyId from Grant g where g.state = ?1 and g.confirmBy < ?2 order by g.policyId", String.class)
                .setParameter(1, Grant.OFFERED).setParameter(2, asOf).getResultList();
        int expired = 0;
        int promoted = 0;
        for (String policyId : policyIds) {
            lockPolicy(policyId);
            // FOR UPDATE: a grant confirmed meanwhile no longer matches and is left alone.
            List<Grant> late = Grant.<Grant>find("policyId = ?1 and state = ?2 and confirmBy < ?3 order by uscc", policyId, Grant.OFFERED, asOf)
                    .withLock(LockModeType.PESSIMISTIC_WRITE).list();
            for (Grant g : late) {
                move(g, Grant.EXPIRED, "not confirmed by " + g.confirmBy);
                expired++;
            }
            promoted += promoteWaitlisted(policyId, asOf);
        }
        return new SweepResult(asOf, expired, promoted);
    }

    private int promoteWaitlisted(String policyId, LocalDate asOf) {
        PolicyDefinition policy = policies.find(policyId).orElse(null);
        BigDecimal budget = Panache.getEntityManager().createQuery("select p.budget from Policy p where p.id = ?1", BigDecimal.class)
                .setParameter(1, policyId).getSingleResult();
        if (policy == null || budget == null) {
            return 0;
        }
        BigDecimal committed = committed(policyId);
        int promoted = 0;
        List<Grant> waiting = Grant.list("policyId = ?1 and state = ?2 order by waitlistRank", policyId, Grant.WAITLISTED);
        for (Grant g : waiting) {
            if (committed.add(g.amount).compareTo(budget) > 0) {
                continue;
            }
            g.confirmBy = calendars.current().plus(asOf, policy.confirmationDays());
            g.waitlistRank = null;
            move(g, Grant.OFFERED, "promoted from the waitlist");
            committed = committed.add(g.amount);
            announceOffer(policy, g.uscc, g.id, g.amount, g.confirmBy);
            promoted++;
        }
        return promoted;
    }

    private void announceOffer(PolicyDefinition policy, String uscc, UUID grantId, BigDecimal amount, LocalDate confirmBy) {
        inbox.sendAll(List.of(offerMessage(policy, uscc, grantId, amount, confirmBy)));
    }

    private static Inbox.Message offerMessage(PolicyDefinition policy, String uscc, UUID grantId, BigDecimal amount, LocalDate confirmBy) {
        return new Inbox.Message(uscc, policy.id(), grantId, "免申即享:" + policy.title(),
                "经数据比对,贵单位符合「" + policy.title() + "」(" + policy.document() + ")条件,可获 " + amount.toPlainString()
                        + " 元,无需申请。请于 " + confirmBy + " 前确认并提供收款账户,逾期视为放弃。",
                "grant-offer:" + grantId);
    }

    private static BigDecimal lockPolicy(String policyId) {
        List<?> rows = Panache.getEntityManager().createNativeQuery("select budget from policy where id = ?1 for update")
                .setParameter(1, policyId).getResultList();
        if (rows.isEmpty()) {
            throw ApiProblem.notFound("policyId", "政策 " + policyId + " 不存在");
        }
        return (BigDecimal) rows.get(0);
    }

    private static BigDecimal committed(String policyId) {
        BigDecimal sum = Panache.getEntityManager().createQuery(
                        "select coalesce(sum(g.amount), 0) from Grant g where g.policyId = ?1 and g.state in ('OFFERED', 'CONFIRMED', 'DISBURSED')", BigDecimal.class)
                .setParameter(1, policyId).getSingleResult();
        return sum == null ? BigDecimal.ZERO : sum;
    }

    private static Integer nextRank(String policyId) {
        Integer max = Panache.getEntityManager().createQuery("select max(g.waitlistRank) from Grant g where g.policyId = ?1", Integer.class)
                .setParameter(1, policyId).getSingleResult();
        return max == null ? 1 : max + 1;
    }

    private static Grant find(UUID id) {
        Grant g = Grant.findById(id);
        if (g == null) {
            throw ApiProblem.notFound("grantId", "补贴 " + id + " 不存在");
        }
        return g;
    }

    private static Grant lockGrant(UUID id) {
        Grant g = Grant.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (g == null) {
            throw ApiProblem.notFound("grantId", "补贴 " + id + " 不存在");
        }
        return g;
    }

    private static void requireState(Grant g, String expected, String action) {
        if (!expected.equals(g.state)) {
            throw ApiProblem.conflict("state", "补贴状态为 " + g.state + ",只有 " + expected + " 状态可以" + action);
        }
    }

    private void move(Grant g, String to, String note) {
        String from = g.state;
        g.state = to;
        g.updatedAt = clock.instant();
        event(g.id, from, to, note);
    }

    private void event(UUID grantId, String from, String to, String note) {
        Panache.getEntityManager().createNativeQuery("insert into grant_event (grant_id, from_state, to_state, note, at) values (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, grantId).setParameter(2, from).setParameter(3, to).setParameter(4, note)
                .setParameter(5, Timestamp.from(clock.instant())).executeUpdate();
    }

    private GrantView view(Grant g) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery(
                        "select from_state, to_state, note, at from grant_event where grant_id = ?1 order by id")
                .setParameter(1, g.id).getResultList();
        List<GrantView.Transition> transitions = rows.stream()
                .map(r -> new GrantView.Transition((String) r[0], (String) r[1], (String) r[2], SqlValues.instant(r[3])))
                .sorted(Comparator.comparing(GrantView.Transition::at))
                .toList();
        String title = policies.find(g.policyId).map(PolicyDefinition::title).orElse(g.policyId);
        return new GrantView(g.id, g.policyId, title, g.uscc, g.period, g.amount, g.breakdown, g.state, g.waitlistRank,
                g.confirmBy, g.bankAccount, g.rulesetVersion, g.createdAt, g.updatedAt, transitions);
    }

}
