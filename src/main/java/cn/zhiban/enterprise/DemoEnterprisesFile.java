package cn.zhiban.enterprise;

import java.time.LocalDate;
import java.util.List;

/** policy-data/enterprises/demo-enterprises.yaml: the PUT body of each enterprise plus its USCC. */
public record DemoEnterprisesFile(List<Entry> enterprises) {
    public record Entry(String uscc, String name, String taxCreditGrade, String publicCreditGrade,
                        List<Listing> listings, LocalDate creditRepairedOn) {
        EnterpriseInput input() {
            return new EnterpriseInput(name, taxCreditGrade, publicCreditGrade, listings, creditRepairedOn);
        }
    }
}
