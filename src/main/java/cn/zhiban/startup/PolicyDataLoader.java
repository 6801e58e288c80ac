package cn.zhiban.startup;

import cn.zhiban.acceptance.AcceptanceService;
import cn.zhiban.catalogue.CatalogueLoader;
import cn.zhiban.catalogue.Calendars;
import cn.zhiban.enterprise.Enterprises;
import cn.zhiban.matching.Policies;
import cn.zhiban.rules.RuleSets;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Path;

/**
 * At start-up: compiles rules/ and loads policy-data/ (calendars, catalogue, demo enterprises,
 * policies compiled into the policies rule set).
 * Any bad file stops start-up with the file, the field and the reason.
 */
@ApplicationScoped
public class PolicyDataLoader {
    private static final Logger LOG = Logger.getLogger(PolicyDataLoader.class);

    @ConfigProperty(name = "zhiban.rules.dir", defaultValue = "rules")
    Path rulesDir;
    @ConfigProperty(name = "zhiban.policy-data.dir", defaultValue = "policy-data")
    Path policyDataDir;

    @Inject
    RuleSets ruleSets;
    @Inject
    Calendars calendars;
    @Inject
    CatalogueLoader catalogue;
    @Inject
    Enterprises enterprises;
    @Inject
    Policies policies;

    void onStart(@Observes StartupEvent event) {
        loadAll();
    }

    public void loadAll() {
        ruleSets.activate(AcceptanceService.RULE_SET, rulesDir.resolve(AcceptanceService.RULE_SET));
        int years = calendars.load(policyDataDir.resolve("calendars"));
        int items = catalogue.load(policyDataDir.resolve("service-items"));
        int demo = enterprises.loadPolicyData(policyDataDir.resolve("enterprises"));
        int policyCount = policies.load(rulesDir, policyDataDir.resolve("policies"));
        LOG.infof("policy data loaded from %s: %d calendar years, %d service items, %d demo enterprises, %d policies",
                policyDataDir.toAbsolutePath(), years, items, demo, policyCount);
    }
}
