package cn.zhiban.rules;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Applies the configured evaluation limits (application.properties, which says how they were chosen) before
 * anything evaluates rules at start-up (repository validation).
 */
@ApplicationScoped
public class EvaluationLimitsConfig {
    @ConfigProperty(name = "zhiban.rules.max-firings")
    long maxFirings;
    @ConfigProperty(name = "zhiban.rules.max-firings-per-fact")
    long maxFiringsPerFact;
    @ConfigProperty(name = "zhiban.rules.max-evaluation-time")
    Duration maxTime;
    @ConfigProperty(name = "zhiban.rules.max-evaluation-time-per-fact")
    Duration maxTimePerFact;

    void apply(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        EvaluationLimits.use(new EvaluationLimits(maxFirings, maxFiringsPerFact, maxTime, maxTimePerFact));
    }
}
