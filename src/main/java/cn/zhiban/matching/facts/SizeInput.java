package cn.zhiban.matching.facts;

import java.math.BigDecimal;

/** What the size table reads: sector, staff and revenue in 万元 (nulls when unknown). */
public class SizeInput {
    private final String uscc;
    private final String sector;
    private final Integer staff;
    private final BigDecimal revenueWan;

    public SizeInput(String uscc, String sector, Integer staff, BigDecimal revenueWan) {
        this.uscc = uscc;
        this.sector = sector;
        this.staff = staff;
        this.revenueWan = revenueWan;
    }

    public String getUscc() { return uscc; }
    public String getSector() { return sector; }
    public Integer getStaff() { return staff; }
    public BigDecimal getRevenueWan() { return revenueWan; }
}
