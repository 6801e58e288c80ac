package cn.zhiban.rulesets;

import cn.zhiban.acceptance.AcceptanceEngine;
import cn.zhiban.acceptance.Decision;
import cn.zhiban.acceptance.DecisionAnswer;
import cn.zhiban.catalogue.Calendars;
import cn.zhiban.enterprise.Enterprise;
import cn.zhiban.matching.MatchResult;
import cn.zhiban.matching.Matcher;
import cn.zhiban.matching.Policies;
import cn.zhiban.matching.PolicyDefinition;
import cn.zhiban.matching.PopulationScan;
import cn.zhiban.matching.Screening;
import cn.zhiban.matching.Subjects;
import cn.zhiban.rules.CompiledRuleSet;
import cn.zhiban.rules.RuleSets;
import cn.zhiban.web.ApiProblem;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What a version would change, compared with the active one, computed in the background:
 * for policies over every stored enterprise (who gains, who loses, money moved, budgets exceeded,
 * by policy, district and industry); for acceptance over the stored decisions of the last N days.
 */
@ApplicationScoped
public class Simulations {
    private static final Logger LOG = Logger.getLogger(Simulations.class);

    @Inject
    Clock clock;
    private static final int CHUNK = 2_000;
    private static final int SAMPLES = 5;

    @Inject
    RuleSetService versions;
    @Inject
    Policies policies;
    @Inject
    RuleSets ruleSets;
    @Inject
    Calendars calendars;
    @Inject
    ManagedExecutor executor;
    @Inject
    ObjectMapper json;
    @Inject
    javax.sql.DataSource dataSource;

    public record Started(UUID id, String state) {
    }

    public record PolicyImpact(String policyId, String title, int gained, int lost, int stillEligible,
                               BigDecimal amountBefore, BigDecimal amountAfter, BigDecimal amountChange,
                               BigDecimal budget, boolean budgetExceeded, List<Sample> samples) {
    }

    public record Sample(String uscc, String change, BigDecimal before, BigDecimal after, String reason) {
    }

    public record PoliciesResult(LocalDate asOf, int enterprises, int enterprisesAffected, List<PolicyImpact> policies,
                                 Map<String, Integer> affectedByDistrict, Map<String, Integer> affectedByIndustry) {
    }

    public record AcceptanceResult(int days, int decisions, int changed, Map<String, Integer> changes, List<Map<String, Object>> examples) {
    }

    public Started start(RuleSetKind kind, int number, LocalDate asOf, int days, String actor) {
        RuleSetVersion candidate = QuarkusTransaction.requiringNew().call(() -> RuleSetVersion.byNumber(kind.id, number));
        if (candidate == null) {
            throw ApiProblem.notFound("version", "规则集 " + kind.id + " 没有版本 " + number);
        }
        if (!RuleSetVersion.VALIDATED.equals(candidate.status)) {
            throw ApiProblem.conflict("version", "版本 " + number + " 未通过校验,不能模拟");
        }
        RuleSetVersion active = QuarkusTransaction.requiringNew().call(() -> RuleSetVersion.active(kind.id));
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            Panache.getEntityManager().createNativeQuery("""
                            insert into simulation (id, ruleset, number, against, state, started_at) values (?1, ?2, ?3, ?4, 'RUNNING', ?5)""")
                    .setParameter(1, id).setParameter(2, kind.id).setParameter(3, number).setParameter(4, active.number)
                    .setParameter(5, Timestamp.from(clock.instant())).executeUpdate();
            versions.audit(kind, number, "SIMULATE", actor, Map.of("simulation", id.toString(), "against", active.number));
        });
        Validator.Result result = versions.compile(candidate);
        executor.runAsync(() -> {
            try {
                Object outcome = kind == RuleSetKind.POLICIES
                        ? simulatePolicies(id, result, asOf)
                        : simulateAcceptance(id, result.compiled(), days);
                finish(id, "DONE", outcome, null);
            } catch (Exception e) {
                LOG.error("simulation " + id + " failed", e);
                finish(id, "FAILED", null, e.getMessage());
            }
        });
        return new Started(id, "RUNNING");
    }

    public Map<String, Object> get(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = Panache.getEntityManager().createNativeQuery(
                            "select ruleset, number, against, state, total, done, cast(result as text), error, started_at, finished_at from simulation where id = ?1")
                    .setParameter(1, id).getResultList();
            if (rows.isEmpty()) {
                throw ApiProblem.notFound("simulationId", "模拟 " + id + " 不存在");
            }
            Object[] r = rows.get(0);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", id);
            out.put("ruleset", r[0]);
            out.put("version", r[1]);
            out.put("comparedWith", r[2]);
            out.put("state", r[3]);
            out.put("total", r[4]);
            out.put("done", r[5]);
            out.put("result", r[6] == null ? null : json.readTree((String) r[6]));
            out.put("error", r[7]);
            out.put("startedAt", cn.zhiban.storage.SqlValues.instant(r[8]));
            out.put("finishedAt", cn.zhiban.storage.SqlValues.instant(r[9]));
            return out;
        });
    }

    /**
     * Both versions screen every stored enterprise in one streaming pass (all cores, nothing stored per pair);
     * only the few enterprises shown as samples are matched again in the explaining form, for their reasons.
     */
    private PoliciesResult simulatePolicies(UUID id, Validator.Result candidateResult, LocalDate asOf) throws Exception {
        Policies.Active before = policies.active();
        Policies.Active after = new Policies.Active(candidateResult.policies(), candidateResult.compiled());
        Screening was = before.screening(before.inForce(asOf, null));
        Screening will = after.screening(after.inForce(asOf, null));
        int total = QuarkusTransaction.requiringNew().call(() -> (int) Enterprise.count());
        progress(id, total, 0);
        Map<String, int[]> counts = new TreeMap<>();             // gained, lost, still
        Map<String, BigDecimal[]> money = new TreeMap<>();       // before, after
        Map<String, List<Sample>> samples = new TreeMap<>();
        Map<String, Integer> byDistrict = new TreeMap<>();
        Map<String, Integer> byIndustry = new TreeMap<>();
        Set<String> policyIds = new TreeSet<>(before.definitions().keySet());
        policyIds.addAll(after.definitions().keySet());
        policyIds.forEach(p -> {
            counts.put(p, new int[3]);
            money.put(p, new BigDecimal[]{BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2)});
            samples.put(p, new ArrayList<>());
        });
        int[] done = {0};
        int[] affected = {0};
        PopulationScan.run(dataSource, List.of(was, will), asOf, null, CHUNK, Runtime.getRuntime().availableProcessors(), chunk -> {
            Map<String, Map<String, BigDecimal>> a = amounts(was, chunk.hitsPerScreening().get(0));
            Map<String, Map<String, BigDecimal>> b = amounts(will, chunk.hitsPerScreening().get(1));
            for (Matcher.Subject subject : chunk.subjects()) {
                String uscc = subject.profile().getUscc();
                Map<String, BigDecimal> x = a.getOrDefault(uscc, Map.of());
                Map<String, BigDecimal> y = b.getOrDefault(uscc, Map.of());
                if (x.isEmpty() && y.isEmpty()) {
                    continue;
                }
                boolean changed = false;
                for (String p : policyIds) {
                    BigDecimal xp = x.get(p);
                    BigDecimal yp = y.get(p);
                    if (xp != null) {
                        money.get(p)[0] = money.get(p)[0].add(xp);
                    }
                    if (yp != null) {
                        money.get(p)[1] = money.get(p)[1].add(yp);
                    }
                    String change = null;
                    if (xp == null && yp != null) {
                        counts.get(p)[0]++;
                        change = "GAINED";
                    } else if (xp != null && yp == null) {
                        counts.get(p)[1]++;
                        change = "LOST";
                    } else if (xp != null) {
                        counts.get(p)[2]++;
                        if (xp.compareTo(yp) != 0) {
                            change = "AMOUNT_CHANGED";
                        }
                    }
                    if (change != null) {
                        changed = true;
                        if (samples.get(p).size() < SAMPLES) {
                            MatchResult explained = Matcher.match(after, List.of(subject), asOf, p).get(uscc);
                            MatchResult.Eligible eligible = explained.eligible().stream().findFirst().orElse(null);
                            samples.get(p).add(new Sample(uscc, change, xp, yp, reason(change, explained, p, eligible)));
                        }
                    }
                }
                if (changed) {
                    affected[0]++;
                    String region = subject.profile().getRegionCode();
                    String industry = subject.profile().getIndustryCode();
                    byDistrict.merge(region == null ? "UNKNOWN" : region, 1, Integer::sum);
                    byIndustry.merge(industry == null ? "UNKNOWN" : industry.substring(0, 1), 1, Integer::sum);
                }
            }
            done[0] += chunk.enterprises();
            progress(id, total, done[0]);
        });
        List<PolicyImpact> impacts = new ArrayList<>();
        for (String p : policyIds) {
            PolicyDefinition def = after.definitions().getOrDefault(p, before.definitions().get(p));
            BigDecimal[] m = money.get(p);
            boolean exceeded = def.budget() != null && m[1].compareTo(def.budget()) > 0;
            impacts.add(new PolicyImpact(p, def.title(), counts.get(p)[0], counts.get(p)[1], counts.get(p)[2], m[0], m[1],
                    m[1].subtract(m[0]), def.budget(), exceeded, samples.get(p)));
        }
        return new PoliciesResult(asOf, done[0], affected[0], impacts, byDistrict, byIndustry);
    }

    /** Eligible pairs by enterprise, then policy id. */
    private static Map<String, Map<String, BigDecimal>> amounts(Screening screening, List<PopulationScan.Hit> hits) {
        Map<String, Map<String, BigDecimal>> out = new HashMap<>();
        for (PopulationScan.Hit hit : hits) {
            out.computeIfAbsent(hit.uscc(), k -> new HashMap<>()).put(screening.policies().get(hit.policy()).id(), hit.amount());
        }
        return out;
    }

    private static String reason(String change, MatchResult will, String policy, MatchResult.Eligible after) {
        if ("LOST".equals(change)) {
            return will.nearMisses().stream().filter(n -> n.policyId().equals(policy)).findFirst()
                    .map(n -> n.unmet().stream().map(MatchResult.Unmet::message).reduce((a, b) -> a + ";" + b).orElse(""))
                    .or(() -> will.undetermined().stream().filter(u -> u.policyId().equals(policy)).findFirst().map(u -> "缺少数据:" + u.missingFields()))
                    .orElse("不再符合条件");
        }
        return after.reasons().stream().map(MatchResult.Reason::message).reduce((a, b) -> a + ";" + b).orElse("");
    }

    private static Map<String, MatchResult.Eligible> eligible(MatchResult r) {
        Map<String, MatchResult.Eligible> out = new LinkedHashMap<>();
        r.eligible().forEach(e -> out.put(e.policyId(), e));
        return out;
    }

    private AcceptanceResult simulateAcceptance(UUID id, CompiledRuleSet candidate, int days) {
        LocalDate since = LocalDate.now(clock).minusDays(days);
        List<Decision> decisions = QuarkusTransaction.requiringNew().call(() ->
                Decision.<Decision>list("createdAt >= ?1 and inputs is not null order by createdAt", since.atStartOfDay(clock.getZone()).toInstant()));
        progress(id, decisions.size(), 0);
        Map<String, Integer> changes = new TreeMap<>();
        List<Map<String, Object>> examples = new ArrayList<>();
        int changed = 0;
        int done = 0;
        for (Decision d : decisions) {
            String mode;
            try {
                DecisionAnswer answer = AcceptanceEngine.decide(candidate, calendars.current(), d.inputs.item(), d.inputs.applicant(), d.request, d.id);
                mode = answer.mode();
            } catch (RuntimeException e) {
                mode = "ERROR";
            }
            if (!mode.equals(d.mode)) {
                changed++;
                changes.merge(d.mode + " → " + mode, 1, Integer::sum);
                if (examples.size() < 10) {
                    examples.add(Map.of("decisionId", d.id, "itemCode", d.itemCode, "applicantUscc", d.applicantUscc, "before", d.mode, "after", mode));
                }
            }
            if (++done % 200 == 0) {
                progress(id, decisions.size(), done);
            }
        }
        progress(id, decisions.size(), done);
        return new AcceptanceResult(days, decisions.size(), changed, changes, examples);
    }

    private static void progress(UUID id, int total, int done) {
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager()
                .createNativeQuery("update simulation set total = ?2, done = ?3 where id = ?1")
                .setParameter(1, id).setParameter(2, total).setParameter(3, done).executeUpdate());
    }

    private void finish(UUID id, String state, Object result, String error) {
        QuarkusTransaction.requiringNew().run(() -> {
            try {
                Panache.getEntityManager().createNativeQuery(
                                "update simulation set state = ?2, result = cast(?3 as jsonb), error = ?4, finished_at = ?5 where id = ?1")
                        .setParameter(1, id).setParameter(2, state).setParameter(3, result == null ? null : json.writeValueAsString(result))
                        .setParameter(4, error).setParameter(5, Timestamp.from(clock.instant())).executeUpdate();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
