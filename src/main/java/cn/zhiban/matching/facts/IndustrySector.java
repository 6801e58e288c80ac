package cn.zhiban.matching.facts;

/** The sector of the 2011 size standard an industry code falls in (rules/enterprise/industry-sectors.drl.csv). */
public class IndustrySector {
    private final String uscc;
    private final String sector;

    public IndustrySector(String uscc, String sector) {
        this.uscc = uscc;
        this.sector = sector;
    }

    public String getUscc() { return uscc; }
    public String getSector() { return sector; }
}
