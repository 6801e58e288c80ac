package cn.zhiban.rulesets;

import cn.zhiban.matching.Policies;
import cn.zhiban.rules.RuleSets;
import cn.zhiban.web.ApiProblem;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rule sets as versions in PostgreSQL: upload (validated and tested on the way in), activate,
 * roll back. Activation compiles first, then commits, then swaps the rule base in memory, so a
 * request runs entirely on the old version or entirely on the new one.
 *
 * <p>On start-up the repository's files become version 1 when there is none. Later starts promote
 * changed repository files as a new version only while the active version itself came from the
 * repository ({@code zhiban.rules.promote=auto}); a version activated through the API is never
 * overwritten by a restart ({@code always} / {@code never} override this).
 */
@ApplicationScoped
public class RuleSetService {
    private static final Logger LOG = Logger.getLogger(RuleSetService.class);

    @Inject
    Clock clock;
    private static final int CACHED_VERSIONS = 6;

    @ConfigProperty(name = "zhiban.rules.dir", defaultValue = "rules")
    Path rulesDir;
    @ConfigProperty(name = "zhiban.policy-data.dir", defaultValue = "policy-data")
    Path policyDataDir;
    @ConfigProperty(name = "zhiban.rules.promote", defaultValue = "auto")
    String promote;

    @Inject
    RuleSets ruleSets;
    @Inject
    Policies policies;
    @Inject
    ObjectMapper json;

    private final Map<String, Validator.Result> compiled = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Validator.Result> eldest) {
            return size() > CACHED_VERSIONS;
        }
    });

    public record Uploaded(RuleSetVersion version, boolean created) {
    }

    /** Repository files that failed at start-up while an earlier version kept serving: what health reports. */
    public record RejectedRepository(Integer version, List<String> errors, Instant at) {
    }

    private final Map<String, RejectedRepository> rejectedAtStartup = new java.util.concurrent.ConcurrentHashMap<>();

    /** Per rule set, the repository files the last start-up refused (absent when they were fine). */
    public Map<String, RejectedRepository> rejectedAtStartup() {
        return Map.copyOf(rejectedAtStartup);
    }

    /** Makes each rule set's active version serve, creating version 1 from the repository if needed. */
    public synchronized void bootstrap() {
        for (RuleSetKind kind : RuleSetKind.values()) {
            VersionFiles repository = kind.fromRepository(rulesDir, policyDataDir);
            RuleSetVersion active = QuarkusTransaction.requiringNew().call(() -> RuleSetVersion.active(kind.id));
            boolean promoteRepository = active == null || ("always".equals(promote)
                    || ("auto".equals(promote) && "REPOSITORY".equals(active.origin)));
            rejectedAtStartup.remove(kind.id);
            if (active == null || (promoteRepository && !active.contentHash.equals(repository.contentHash()))) {
                Uploaded uploaded;
                try {
                    uploaded = upload(kind, repository, "repository", "repository files at start-up", "REPOSITORY");
                } catch (RuntimeException e) {
                    if (active == null) {
                        throw e;
                    }
                    // Not even a report could be made: still the files' fault, and the serving version is fine.
                    reject(kind, active, null, List.of(e.toString()));
                    install(kind, compile(active));
                    continue;
                }
                if (RuleSetVersion.VALIDATED.equals(uploaded.version().status)) {
                    activate(kind, uploaded.version().number, "repository", "BOOTSTRAP");
                    continue;
                }
                if (active == null) {
                    throw new IllegalStateException("rule set " + kind.id + " from the repository is not valid: " + uploaded.version().report.errors());
                }
                reject(kind, active, uploaded.version().number, uploaded.version().report.errors().stream()
                        .map(p -> p.file() == null || p.message().startsWith(p.file()) ? p.message()
                                : p.file() + (p.line() == null ? "" : ":" + p.line()) + ": " + p.message()).toList());
            } else if (!active.contentHash.equals(repository.contentHash())) {
                LOG.warnf("repository files of rule set %s differ from active version %d (activated through the API); not promoted (zhiban.rules.promote=%s)",
                        kind.id, active.number, promote);
            }
            install(kind, compile(active));
        }
    }

    private void reject(RuleSetKind kind, RuleSetVersion serving, Integer rejected, List<String> errors) {
        rejectedAtStartup.put(kind.id, new RejectedRepository(rejected, errors, clock.instant()));
        LOG.errorf("repository files of rule set %s are not valid (version %s rejected); version %d keeps serving: %s",
                kind.id, rejected == null ? "-" : rejected, serving.number, errors);
    }

    /** Stores a version (or returns the existing one with the same content) with its validation report. */
    public Uploaded upload(RuleSetKind kind, VersionFiles files, String author, String comment, String origin) {
        String hash = files.contentHash();
        RuleSetVersion existing = QuarkusTransaction.requiringNew().call(() ->
                RuleSetVersion.<RuleSetVersion>find("ruleset = ?1 and contentHash = ?2", kind.id, hash).firstResult());
        if (existing != null) {
            return new Uploaded(existing, false);
        }
        String versionId = kind.id + "@" + hash;
        Validator.Result result = Validator.validate(kind, files, versionId, policyDataDir);
        if (result.report().valid()) {
            compiled.put(versionId, result);
        }
        RuleSetVersion version = QuarkusTransaction.requiringNew().call(() -> {
            lock(kind);
            Integer max = Panache.getEntityManager().createQuery("select max(v.number) from RuleSetVersion v where v.ruleset = ?1", Integer.class)
                    .setParameter(1, kind.id).getSingleResult();
            Instant now = clock.instant();
            Long id = ((Number) Panache.getEntityManager().createNativeQuery("""
                            insert into ruleset_version (ruleset, number, version_id, content_hash, author, comment, origin, status, report, created_at, validated_at)
                            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, cast(?9 as jsonb), ?10, ?10) returning id""")
                    .setParameter(1, kind.id).setParameter(2, max == null ? 1 : max + 1).setParameter(3, versionId).setParameter(4, hash)
                    .setParameter(5, author).setParameter(6, comment).setParameter(7, origin)
                    .setParameter(8, result.report().valid() ? RuleSetVersion.VALIDATED : RuleSetVersion.REJECTED)
                    .setParameter(9, json.writeValueAsString(result.report())).setParameter(10, Timestamp.from(now))
                    .getSingleResult()).longValue();
            files.files().forEach((path, content) -> Panache.getEntityManager()
                    .createNativeQuery("insert into ruleset_file (version_id, path, content) values (?1, ?2, ?3)")
                    .setParameter(1, id).setParameter(2, path).setParameter(3, content).executeUpdate());
            RuleSetVersion v = RuleSetVersion.findById(id);
            audit(kind, v.number, "UPLOAD", author, Map.of("versionId", versionId, "files", files.files().size(), "comment", String.valueOf(comment)));
            audit(kind, v.number, "VALIDATE", author, Map.of("valid", result.report().valid(), "errors", result.report().errors().size(),
                    "tests", result.report().tests().total(), "testsPassed", result.report().tests().passed()));
            return v;
        });
        return new Uploaded(version, true);
    }

    /** Activates a validated version; an unknown or rejected one is refused with 409. */
    public synchronized RuleSetVersion activate(RuleSetKind kind, int number, String actor, String how) {
        RuleSetVersion target = QuarkusTransaction.requiringNew().call(() -> RuleSetVersion.byNumber(kind.id, number));
        if (target == null) {
            throw ApiProblem.conflict("version", "规则集 " + kind.id + " 没有版本 " + number);
        }
        if (!RuleSetVersion.VALIDATED.equals(target.status)) {
            throw ApiProblem.conflict("version", "版本 " + number + " 未通过校验或测试,不能启用:" + target.report.errors().stream()
                    .limit(3).map(ValidationReport.Problem::message).toList());
        }
        Validator.Result result = compile(target);
        QuarkusTransaction.requiringNew().run(() -> {
            lock(kind);
            Panache.getEntityManager().createNativeQuery("update ruleset_version set active = false where ruleset = ?1 and active")
                    .setParameter(1, kind.id).executeUpdate();
            Panache.getEntityManager().createNativeQuery("update ruleset_version set active = true, activated_at = ?2 where id = ?1")
                    .setParameter(1, target.id).setParameter(2, Timestamp.from(clock.instant())).executeUpdate();
            Panache.getEntityManager().createNativeQuery("insert into ruleset_activation (ruleset, version_id, actor, kind, at) values (?1, ?2, ?3, ?4, ?5)")
                    .setParameter(1, kind.id).setParameter(2, target.id).setParameter(3, actor).setParameter(4, how)
                    .setParameter(5, Timestamp.from(clock.instant())).executeUpdate();
            audit(kind, number, "ROLLBACK".equals(how) ? "ROLLBACK" : "ACTIVATE", actor, Map.of("versionId", target.versionId));
        });
        install(kind, result);
        return QuarkusTransaction.requiringNew().call(() -> RuleSetVersion.byNumber(kind.id, number));
    }

    /** Reactivates the version that was active before the current one. */
    public synchronized RuleSetVersion rollback(RuleSetKind kind, String actor) {
        Integer previous = QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = Panache.getEntityManager().createNativeQuery("""
                            select v.number, v.active from ruleset_activation a join ruleset_version v on v.id = a.version_id
                            where a.ruleset = ?1 order by a.id desc""")
                    .setParameter(1, kind.id).getResultList();
            Integer current = rows.isEmpty() ? null : ((Number) rows.get(0)[0]).intValue();
            for (Object[] row : rows) {
                int n = ((Number) row[0]).intValue();
                if (current != null && n != current) {
                    return n;
                }
            }
            return null;
        });
        if (previous == null) {
            throw ApiProblem.conflict("ruleset", "规则集 " + kind.id + " 没有可回退的上一版本");
        }
        return activate(kind, previous, actor, "ROLLBACK");
    }

    /** The compiled form of a stored version (cached), e.g. to replay a decision under the version that made it. */
    public Validator.Result compile(RuleSetVersion version) {
        Validator.Result cached = compiled.get(version.versionId);
        if (cached != null) {
            return cached;
        }
        VersionFiles files = files(version);
        Validator.Result result = Validator.validate(RuleSetKind.of(version.ruleset), files, version.versionId, policyDataDir);
        if (result.compiled() == null) {
            throw new IllegalStateException("stored version " + version.versionId + " no longer validates: " + result.report().errors());
        }
        compiled.put(version.versionId, result);
        return result;
    }

    public Validator.Result compile(String versionId) {
        RuleSetVersion version = QuarkusTransaction.requiringNew().call(() ->
                RuleSetVersion.<RuleSetVersion>find("versionId", versionId).firstResult());
        if (version == null) {
            throw ApiProblem.conflict("version", "版本 " + versionId + " 不存在");
        }
        return compile(version);
    }

    public VersionFiles files(RuleSetVersion version) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = Panache.getEntityManager().createNativeQuery("select path, content from ruleset_file where version_id = ?1")
                    .setParameter(1, version.id).getResultList();
            Map<String, byte[]> files = new TreeMap<>();
            rows.forEach(r -> files.put((String) r[0], (byte[]) r[1]));
            return new VersionFiles(files);
        });
    }

    public List<Map<String, Object>> auditLog(RuleSetKind kind) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = Panache.getEntityManager().createNativeQuery(
                            "select number, action, actor, cast(detail as text), at from ruleset_audit where ruleset = ?1 order by id")
                    .setParameter(1, kind.id).getResultList();
            List<Map<String, Object>> out = new ArrayList<>();
            for (Object[] r : rows) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("version", r[0]);
                entry.put("action", r[1]);
                entry.put("actor", r[2]);
                entry.put("detail", json.readTree((String) r[3]));
                entry.put("at", cn.zhiban.storage.SqlValues.instant(r[4]));
                out.add(entry);
            }
            return out;
        });
    }

    /** Records who did what to which version; must run inside a transaction. */
    public void audit(RuleSetKind kind, Integer number, String action, String actor, Map<String, Object> detail) {
        try {
            Panache.getEntityManager().createNativeQuery("insert into ruleset_audit (ruleset, number, action, actor, detail, at) values (?1, ?2, ?3, ?4, cast(?5 as jsonb), ?6)")
                    .setParameter(1, kind.id).setParameter(2, number).setParameter(3, action).setParameter(4, actor)
                    .setParameter(5, json.writeValueAsString(detail)).setParameter(6, Timestamp.from(clock.instant())).executeUpdate();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void install(RuleSetKind kind, Validator.Result result) {
        if (kind == RuleSetKind.POLICIES) {
            policies.install(result.policies(), result.compiled());
        } else {
            ruleSets.install(result.compiled());
        }
    }

    /** Serialises version numbering and activation of one rule set across service instances. */
    private static void lock(RuleSetKind kind) {
        Panache.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))").setParameter(1, "ruleset:" + kind.id).getSingleResult();
    }
}
