package cn.zhiban.rules;

import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the acceptance rule set is compiled and active. */
@Readiness
public class RuleSetsReadiness implements HealthCheck {
    @Inject
    RuleSets ruleSets;

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("rule-sets");
        return ruleSets.find("acceptance")
                .map(set -> builder.up().withData("acceptance", set.version()).withData("acceptanceRules", set.ruleCount()).build())
                .orElseGet(() -> builder.down().withData("acceptance", "not active").build());
    }
}
