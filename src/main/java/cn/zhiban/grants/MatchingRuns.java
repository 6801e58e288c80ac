package cn.zhiban.grants;

import cn.zhiban.enterprise.Enterprise;
import cn.zhiban.matching.Matcher;
import cn.zhiban.matching.Policies;
import cn.zhiban.matching.PolicyDefinition;
import cn.zhiban.matching.PopulationScan;
import cn.zhiban.matching.Screening;
import cn.zhiban.rulesets.RuleSetService;
import cn.zhiban.web.ApiProblem;
import cn.zhiban.web.ProblemMappers;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
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
import java.util.UUID;

/**
 * Runs one policy over all stored enterprises in the background: a {@link PopulationScan} screens them in
 * USCC order on all cores, and each chunk's grants are committed together with the run's checkpoint. A run
 * that stops (restart, crash, database fault) continues after its checkpoint with the rule set it started
 * with, so it ends with the same grants and none twice. While the database is unreachable the run waits
 * and retries; any other error fails it. Staff may pause a run and resume it later.
 */
@ApplicationScoped
public class MatchingRuns {
    private static final Logger LOG = Logger.getLogger(MatchingRuns.class);

    @Inject
    Clock clock;

    @ConfigProperty(name = "zhiban.runs.chunk", defaultValue = "2000")
    int chunk;
    @ConfigProperty(name = "zhiban.runs.retry", defaultValue = "PT2S")
    Duration retry;
    /**
     * Test only: when above 0, a run holds (once per process) after committing this many chunks, until the
     * service is told to stop or a test in the same process {@linkplain #release releases} it, so a test can
     * stop the service or the database at a known point of a run (the run's GET then shows it RUNNING with
     * that checkpoint; {@link #held()} lists it). 0, the default, never holds.
     */
    @ConfigProperty(name = "zhiban.runs.hold-after-chunks", defaultValue = "0")
    int holdAfterChunks;

    @Inject
    Policies policies;
    @Inject
    RuleSetService ruleSets;
    @Inject
    GrantService grants;
    @Inject
    Inbox inbox;
    @Inject
    DataSource dataSource;
    @Inject
    ManagedExecutor executor;

    private volatile boolean stopping;
    private final Object stopSignal = new Object();
    private final java.util.Set<UUID> held = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Set<UUID> released = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** A run holds once per process: not again when it goes on after a database outage. */
    private final java.util.Set<UUID> heldOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Map<UUID, Integer> databaseWaits = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<UUID> pauseRequested = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Set<UUID> executing = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);

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
            r.startedAt = clock.instant();
            r.persist();
            return r;
        });
        executor.runAsync(() -> execute(run.id));
        return run;
    }

    public MatchingRun get(UUID id) {
        MatchingRun run = QuarkusTransaction.requiringNew().call(() -> MatchingRun.findById(id));
        if (run == null) {
            throw ApiProblem.notFound("runId", "运行 " + id + " 不存在");
        }
        return run;
    }

    /** Asks a running run to stop once the chunk in hand is committed; it becomes PAUSED. */
    public MatchingRun pause(UUID id) {
        MatchingRun run = get(id);
        if (!"RUNNING".equals(run.state)) {
            throw ApiProblem.conflict("state", "运行状态为 " + run.state + ",只有 RUNNING 的运行可以暂停");
        }
        pauseRequested.add(id);
        return run;
    }

    /** Continues a paused run from its checkpoint. */
    public MatchingRun resume(UUID id) {
        MatchingRun run = QuarkusTransaction.requiringNew().call(() -> {
            MatchingRun r = MatchingRun.findById(id, LockModeType.PESSIMISTIC_WRITE);
            if (r == null) {
                throw ApiProblem.notFound("runId", "运行 " + id + " 不存在");
            }
            if (!"PAUSED".equals(r.state)) {
                throw ApiProblem.conflict("state", "运行状态为 " + r.state + ",只有 PAUSED 的运行可以继续");
            }
            r.state = "RUNNING";
            return r;
        });
        executor.runAsync(() -> execute(id));
        return run;
    }

    /** Continues the runs a stop interrupted (called at start-up, after the rule sets are installed). */
    public int resumeInterrupted() {
        List<UUID> ids = QuarkusTransaction.requiringNew().call(() ->
                MatchingRun.<MatchingRun>list("state = 'RUNNING' order by startedAt").stream().map(r -> r.id).toList());
        ids.forEach(id -> executor.runAsync(() -> execute(id)));
        return ids.size();
    }

    /**
     * Stops scanning at the next chunk: what is committed stays, the run stays RUNNING and resumes at the
     * next start. Waits (a while) for the chunk in hand to commit, so the database is not closed under it.
     */
    void onStop(@Observes ShutdownEvent event) {
        synchronized (stopSignal) {
            stopping = true;
            stopSignal.notifyAll();
        }
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        while (!executing.isEmpty() && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(20));
        }
        if (!executing.isEmpty()) {
            LOG.warnf("runs %s still busy after %s; their last committed chunk is their checkpoint", executing, STOP_WAIT);
        }
    }

    /**
     * The test-only hold ({@code zhiban.runs.hold-after-chunks}): waits until the service is told to stop (the
     * run then stops here, at its checkpoint) or the run is released (it goes on).
     */
    private void hold(UUID runId, int chunks) throws InterruptedException {
        LOG.infof("run %s held after %d committed chunks until the service stops (zhiban.runs.hold-after-chunks, for tests)", runId, chunks);
        synchronized (stopSignal) {
            held.add(runId);
            try {
                while (!stopping && !released.remove(runId)) {
                    stopSignal.wait();
                }
            } finally {
                held.remove(runId);
            }
        }
        if (stopping) {
            throw new InterruptedException("service stopping");
        }
    }

    /** Test only: the runs held now by {@code zhiban.runs.hold-after-chunks}. */
    public java.util.Set<UUID> held() {
        return java.util.Set.copyOf(held);
    }

    /** Test only: lets a held run go on (a run not held yet goes on when it reaches its hold). */
    public void release(UUID runId) {
        synchronized (stopSignal) {
            released.add(runId);
            stopSignal.notifyAll();
        }
    }

    /** How many times this run has waited for an unreachable database since the service started. */
    public int databaseWaits(UUID runId) {
        return databaseWaits.getOrDefault(runId, 0);
    }

    /** Runs (or resumes) a run until it is done or fails; while the database is unreachable it pauses and retries. */
    void execute(UUID runId) {
        executing.add(runId);
        try {
            executeUntilStopped(runId);
        } finally {
            executing.remove(runId);
        }
    }

    private void executeUntilStopped(UUID runId) {
        while (!stopping) {
            try {
                MatchingRun run = QuarkusTransaction.requiringNew().call(() -> MatchingRun.findById(runId));
                if (!"RUNNING".equals(run.state)) {
                    return;
                }
                Policies.Active active = activeAt(run.rulesetVersion);
                PolicyDefinition policy = active.definitions().get(run.policyId);
                Screening screening = active.screening(List.of(policy));
                String[] checkpoint = {run.checkpoint};
                int[] committed = {0};
                PopulationScan.run(dataSource, screening, run.asOf, run.checkpoint, chunk, Runtime.getRuntime().availableProcessors(), c -> {
                    if (stopping) {
                        throw new InterruptedException("service stopping");
                    }
                    commit(runId, active, policy, run.asOf, c, checkpoint[0]);
                    checkpoint[0] = c.lastUscc();
                    if (++committed[0] == holdAfterChunks && heldOnce.add(runId)) {
                        hold(runId, committed[0]);
                    }
                    if (pauseRequested.remove(runId)) {
                        throw new PauseRequested();
                    }
                });
                setState(runId, "DONE", null);
                return;
            } catch (PauseRequested e) {
                setState(runId, "PAUSED", null);
                return;
            } catch (InterruptedException e) {
                LOG.infof("run %s stops at its checkpoint; it resumes at the next start", runId);
                return;
            } catch (cn.zhiban.rules.RuleEvaluationLimitException e) {
                // The rules ran away on this chunk: nothing of it was committed, and retrying would only spin again.
                LOG.error("run " + runId + " failed: " + e.getMessage());
                failQuietly(runId, e.getMessage());
                return;
            } catch (Exception e) {
                if (!ProblemMappers.lostConnection(e) && databaseAnswers()) {
                    LOG.error("run " + runId + " failed", e);
                    failQuietly(runId, e.getClass().getSimpleName() + ": " + e.getMessage());
                    return;
                }
                LOG.warnf("run %s waits, database unreachable: %s", runId, e.getMessage());
                databaseWaits.merge(runId, 1, Integer::sum);
                noteQuietly(runId, e);
                sleep(retry);
            }
        }
    }

    /** One chunk's grants (or announcements) and the run's progress, in one transaction; refused if another executor moved the checkpoint. */
    private void commit(UUID runId, Policies.Active active, PolicyDefinition policy, LocalDate asOf, PopulationScan.Chunk c, String expected) {
        QuarkusTransaction.requiringNew().run(() -> {
            MatchingRun run = MatchingRun.findById(runId, LockModeType.PESSIMISTIC_WRITE);
            if (!java.util.Objects.equals(run.checkpoint, expected)) {
                throw new IllegalStateException("run " + runId + " was advanced by another executor (checkpoint " + run.checkpoint + ")");
            }
            List<GrantService.Offer> offers = new ArrayList<>();
            for (PopulationScan.Hit hit : c.hits()) {
                offers.add(new GrantService.Offer(hit.uscc(), hit.amount(), Matcher.breakdown(policy, hit.lines(), hit.amounts())));
            }
            GrantService.Offered offered = policy.isAuto()
                    ? grants.offer(policy, offers, asOf, runId, active.rules().version())
                    : new GrantService.Offered(0, 0, 0);
            if (!policy.isAuto()) {
                announceToSubscribers(policy, offers);
            }
            run.done += c.enterprises();
            run.eligible += offers.size();
            run.offered += offered.offered();
            run.waitlisted += offered.waitlisted();
            run.already += offered.already();
            run.checkpoint = c.lastUscc();
        });
    }

    /** The rule set a run started with: the active one, or its stored version compiled again. */
    private Policies.Active activeAt(String version) {
        Policies.Active active = policies.active();
        if (active.rules().version().equals(version)) {
            return active;
        }
        var result = ruleSets.compile(version);
        return new Policies.Active(result.policies(), result.compiled());
    }

    private void announceToSubscribers(PolicyDefinition policy, List<GrantService.Offer> eligible) {
        if (eligible.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<String> subscribed = Panache.getEntityManager().createNativeQuery(
                        "select distinct uscc from subscription where uscc in (?1) and category in (?2)")
                .setParameter(1, eligible.stream().map(GrantService.Offer::uscc).toList()).setParameter(2, policy.categories()).getResultList();
        java.util.Set<String> subscribers = new java.util.HashSet<>(subscribed);
        List<Inbox.Message> messages = new ArrayList<>();
        for (GrantService.Offer o : eligible) {
            if (subscribers.contains(o.uscc())) {
                messages.add(new Inbox.Message(o.uscc(), policy.id(), null, "可申报政策:" + policy.title(),
                        "贵单位符合「" + policy.title() + "」(" + policy.document() + ")条件,预计可获 " + o.amount().toPlainString()
                                + " 元。申报方式:" + policy.howToApply(),
                        "policy-match:" + policy.id() + ":" + policy.period() + ":" + o.uscc()));
            }
        }
        inbox.sendAll(messages);
    }

    private void setState(UUID runId, String state, String error) {
        QuarkusTransaction.requiringNew().run(() -> {
            MatchingRun run = MatchingRun.findById(runId);
            run.state = state;
            if ("DONE".equals(state) || "FAILED".equals(state)) {
                run.finishedAt = clock.instant();
            }
            if (error != null) {
                List<String> errors = new ArrayList<>(run.errors);
                errors.add(error);
                run.errors = errors;
            }
        });
    }

    private void failQuietly(UUID runId, String reason) {
        try {
            setState(runId, "FAILED", reason);
        } catch (RuntimeException again) {
            LOG.error("run " + runId + " could not be marked FAILED", again);
        }
    }

    private void noteQuietly(UUID runId, Exception e) {
        try {
            setState(runId, "RUNNING", clock.instant() + " 数据库不可用,恢复后自动从检查点继续:" + e.getMessage());
        } catch (RuntimeException stillDown) {
            // The database is still down: the run stays as recorded and is retried.
        }
    }

    /** Some failures hide the lost connection (a commit reported only as rolled back): ask the database itself. */
    private boolean databaseAnswers() {
        try (java.sql.Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (java.sql.SQLException | RuntimeException e) {
            return false;
        }
    }

    private static final class PauseRequested extends Exception {
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
