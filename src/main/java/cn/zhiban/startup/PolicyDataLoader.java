package cn.zhiban.startup;

import cn.zhiban.catalogue.CatalogueLoader;
import cn.zhiban.catalogue.Calendars;
import cn.zhiban.enterprise.Enterprises;
import cn.zhiban.rulesets.RuleSetService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Path;

/**
 * At start-up: loads policy-data/ (calendars, catalogue, demo enterprises), then makes each rule
 * set's active version serve (the repository's rules/ and policy-data/policies/ become version 1
 * on first start). Any bad file stops start-up with the file, the field and the reason.
 */
@ApplicationScoped
public class PolicyDataLoader {
    private static final Logger LOG = Logger.getLogger(PolicyDataLoader.class);

    @ConfigProperty(name = "zhiban.policy-data.dir", defaultValue = "policy-data")
    Path policyDataDir;

    @Inject
    Calendars calendars;
    @Inject
    CatalogueLoader catalogue;
    @Inject
    Enterprises enterprises;
    @Inject
    RuleSetService ruleSets;
    @Inject
    cn.zhiban.grants.MatchingRuns runs;

    void onStart(@Observes StartupEvent event) {
        loadAll();
    }

    public void loadAll() {
        int years = calendars.load(policyDataDir.resolve("calendars"));
        int items = catalogue.load(policyDataDir.resolve("service-items"));
        int demo = enterprises.loadPolicyData(policyDataDir.resolve("enterprises"));
        LOG.infof("policy data loaded from %s: %d calendar years, %d service items, %d demo enterprises",
                policyDataDir.toAbsolutePath(), years, items, demo);
        ruleSets.bootstrap();
        int resumed = runs.resumeInterrupted();
        if (resumed > 0) {
            LOG.infof("%d interrupted matching runs resume from their checkpoints", resumed);
        }
    }
}
