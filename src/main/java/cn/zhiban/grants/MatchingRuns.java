package cn.zhiban.grants;

import cn.zhiban.enterprise.Enterprise;
import cn.zhiban.matching.MatchResult;
import cn.zhiban.matching.Matcher;
import cn.zhiban.matching.Policies;
import cn.zhiban.matching.PolicyDefinition;
import cn.zhiban.matching.Subjects;
import cn.zhiban.web.ApiProblem;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs one policy over all stored enterprises in the background, a chunk at a time in USCC order, each
 * chunk's grants in its own transaction. The whole run uses the rule set that was active when it started.
 */
@ApplicationScoped
public class MatchingRuns {
    private static final Logger LOG = Logger.getLogger(MatchingRuns.class);
    static final int CHUNK = 500;

    @Inject
    Policies policies;
    @Inject
    GrantService grants;
    @Inject
    Inbox inbox;
    @Inject
    ManagedExecutor executor;

    public MatchingRun start(String policyId, LocalDate asOf) {
        Policies.Active active = policies.active();
        PolicyDefinition policy = active.definitions().get(policyId);
        if (policy == null) {
            throw ApiProblem.notFound("id", "政策 " + policyId + " 不存在");
        }
        if (!policy.effectiveOn(asOf)) {
            throw ApiProblem.invalid("asOf", "政策 " + policyId + " 的有效期为 " + policy.effectiveFrom() + " 至 "
                    + (policy.effectiveTo() == null ? "长期" : policy.effectiveTo()) + ",在 " + asOf + " 不生效");
        }
        MatchingRun run = QuarkusTransaction.requiringNew().call(() -> {
            MatchingRun r = new MatchingRun();
            r.id = UUID.randomUUID();
            r.policyId = policyId;
            r.asOf = asOf;
            r.state = "RUNNING";
            r.total = (int) Enterprise.count();
            r.rulesetVersion = active.rules().version();
            r.startedAt = Instant.now();
            r.persist();
            return r;
        });
        executor.runAsync(() -> execute(run.id, active, policy, asOf));
        return run;
    }

    public MatchingRun get(UUID id) {
        MatchingRun run = QuarkusTransaction.requiringNew().call(() -> MatchingRun.findById(id));
        if (run == null) {
            throw ApiProblem.notFound("runId", "运行 " + id + " 不存在");
        }
        return run;
    }

    void execute(UUID runId, Policies.Active active, PolicyDefinition policy, LocalDate asOf) {
        try {
            String after = "";
            while (true) {
                String from = after;
                List<Enterprise> chunk = QuarkusTransaction.requiringNew().call(() ->
                        Enterprise.<Enterprise>find("uscc > ?1 order by uscc", from).page(0, CHUNK).list());
                if (chunk.isEmpty()) {
                    break;
                }
                List<Matcher.Subject> subjects = chunk.stream().map(Subjects::of).toList();
                Map<String, MatchResult> results = Matcher.match(active, subjects, asOf, policy.id());
                List<MatchResult.Eligible> eligible = new ArrayList<>();
                List<String> usccs = new ArrayList<>();
                results.forEach((uscc, result) -> result.eligible().forEach(e -> {
                    eligible.add(e);
                    usccs.add(uscc);
                }));
                GrantService.Offered offered = policy.isAuto()
                        ? grants.offer(policy, eligible, usccs, asOf, runId, active.rules().version())
                        : new GrantService.Offered(0, 0, 0);
                if (!policy.isAuto()) {
                    QuarkusTransaction.requiringNew().run(() -> announceToSubscribers(policy, eligible, usccs));
                }
                after = chunk.get(chunk.size() - 1).uscc;
                int done = chunk.size();
                QuarkusTransaction.requiringNew().run(() -> {
                    MatchingRun run = MatchingRun.findById(runId);
                    run.done += done;
                    run.eligible += eligible.size();
                    run.offered += offered.offered();
                    run.waitlisted += offered.waitlisted();
                    run.already += offered.already();
                });
            }
            finish(runId, "DONE", null);
        } catch (RuntimeException e) {
            LOG.error("run " + runId + " of " + policy.id() + " failed", e);
            finish(runId, "FAILED", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void announceToSubscribers(PolicyDefinition policy, List<MatchResult.Eligible> eligible, List<String> usccs) {
        if (eligible.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<String> subscribed = Panache.getEntityManager().createNativeQuery(
                        "select distinct uscc from subscription where uscc in (?1) and category in (?2)")
                .setParameter(1, usccs).setParameter(2, policy.categories()).getResultList();
        for (int i = 0; i < eligible.size(); i++) {
            String uscc = usccs.get(i);
            if (subscribed.contains(uscc)) {
                inbox.send(uscc, policy.id(), null, "可申报政策:" + policy.title(),
                        "贵单位符合「" + policy.title() + "」(" + policy.document() + ")条件,预计可获 " + eligible.get(i).amount().toPlainString()
                                + " 元。申报方式:" + policy.howToApply(),
                        "policy-match:" + policy.id() + ":" + policy.period() + ":" + uscc);
            }
        }
    }

    private static void finish(UUID runId, String state, String error) {
        QuarkusTransaction.requiringNew().run(() -> {
            MatchingRun run = MatchingRun.findById(runId);
            run.state = state;
            run.finishedAt = Instant.now();
            if (error != null) {
                List<String> errors = new ArrayList<>(run.errors);
                errors.add(error);
                run.errors = errors;
            }
        });
    }
}
