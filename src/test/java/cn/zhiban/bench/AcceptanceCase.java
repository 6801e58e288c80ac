package cn.zhiban.bench;

import cn.zhiban.acceptance.AcceptanceEngine;
import cn.zhiban.acceptance.DecisionRequest;
import cn.zhiban.catalogue.CatalogueLoader;
import cn.zhiban.catalogue.ServiceItemDefinition;
import cn.zhiban.enterprise.Listing;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * One application to decide, with its applicant's credit. {@link #generate} makes seeded, varied ones
 * over the catalogue in {@code policy-data/}: every item, about 80 % of materials submitted and some
 * pledged, every combination of tax and public credit grades (and unknown), 1 in 20 applicants on the
 * abnormal-operation list, half of them pledging the site inspection. The same seed gives the same cases.
 */
public record AcceptanceCase(ServiceItemDefinition item, AcceptanceEngine.ApplicantCredit credit, DecisionRequest request, UUID decisionId) {
    private static final String[] GRADES = {"A", "B", "M", "C", "D", null};

    public static List<AcceptanceCase> generate(Path policyData, int count, long seed) {
        List<ServiceItemDefinition> catalogue = CatalogueLoader.read(policyData.resolve("service-items")).values().stream()
                .map(CatalogueLoader.LoadedItem::definition).toList();
        Random random = new Random(seed);
        List<AcceptanceCase> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ServiceItemDefinition item = catalogue.get(random.nextInt(catalogue.size()));
            List<String> submitted = new ArrayList<>();
            List<String> pledged = new ArrayList<>();
            for (var m : item.materials()) {
                double r = random.nextDouble();
                if (r < 0.8) {
                    submitted.add(m.code());
                } else if (r < 0.9 && m.pledgeable()) {
                    pledged.add(m.code());
                }
            }
            var credit = new AcceptanceEngine.ApplicantCredit("BENCH", GRADES[random.nextInt(GRADES.length)], GRADES[random.nextInt(4)],
                    random.nextInt(20) == 0 ? List.of(new Listing("ABNORMAL_OPERATION", LocalDate.of(2026, 1, 5), null)) : List.of(), null, List.of());
            var request = new DecisionRequest(item.code(), "BENCH", LocalDate.of(2026, 6, 1), submitted, pledged, random.nextBoolean());
            out.add(new AcceptanceCase(item, credit, request, new UUID(seed, i)));
        }
        return out;
    }

    public DecisionRequest request(LocalDate on) {
        return new DecisionRequest(request.itemCode(), request.applicantUscc(), on, request.submittedMaterials(),
                request.pledgedMaterials(), request.pledgeSiteInspection());
    }
}
