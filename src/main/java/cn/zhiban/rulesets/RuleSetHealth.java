package cn.zhiban.rulesets;

import cn.zhiban.rules.CompiledRuleSet;
import cn.zhiban.rules.RuleSets;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.Map;

/**
 * Health of the rule sets: which version serves each, and whether the repository's files were refused
 * at start-up.
 *
 * <p>Refused files leave readiness UP: the last good version keeps answering correctly, and taking the
 * service out of rotation would only refuse requests it can answer. The refusal is in the readiness
 * data, and the {@code rule-files} group (/q/health/group/rule-files) is DOWN until the files are fixed,
 * for monitoring to alert on.
 */
public final class RuleSetHealth {
    private RuleSetHealth() {
    }

    /** Ready when every rule set has a version serving. */
    @Readiness
    @ApplicationScoped
    public static class Serving implements HealthCheck {
        @Inject
        RuleSets ruleSets;
        @Inject
        RuleSetService service;

        @Override
        public HealthCheckResponse call() {
            HealthCheckResponseBuilder builder = HealthCheckResponse.named("rule-sets").up();
            for (RuleSetKind kind : RuleSetKind.values()) {
                CompiledRuleSet serving = ruleSets.find(kind.id).orElse(null);
                if (serving == null) {
                    builder.down().withData(kind.id, "not active");
                } else {
                    builder.withData(kind.id, serving.version()).withData(kind.id + "Rules", serving.ruleCount());
                }
            }
            return withRejections(builder, service.rejectedAtStartup()).build();
        }
    }

    /** DOWN while the repository's rule files are refused (the previous version serving meanwhile). */
    @HealthGroup("rule-files")
    @ApplicationScoped
    public static class RuleFiles implements HealthCheck {
        @Inject
        RuleSetService service;

        @Override
        public HealthCheckResponse call() {
            Map<String, RuleSetService.RejectedRepository> rejected = service.rejectedAtStartup();
            return withRejections(HealthCheckResponse.named("rule-files").status(rejected.isEmpty()), rejected).build();
        }
    }

    private static HealthCheckResponseBuilder withRejections(HealthCheckResponseBuilder builder, Map<String, RuleSetService.RejectedRepository> rejected) {
        rejected.forEach((ruleSet, r) -> builder
                .withData(ruleSet + "Repository", "REJECTED" + (r.version() == null ? "" : " as version " + r.version()) + " at " + r.at())
                .withData(ruleSet + "RepositoryErrors", String.join("; ", r.errors())));
        return builder;
    }
}
