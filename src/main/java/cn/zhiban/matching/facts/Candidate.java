package cn.zhiban.matching.facts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One enterprise as the screening rules see it: the profile's fields on one fact (so every policy is a
 * single pattern the engine can share and index), its size class once derived, and its qualifications
 * and listings as of the screening date. Null means never supplied, as on {@link Profile}.
 */
public final class Candidate {
    private final Profile profile;
    private final List<HeldQualification> qualifications;
    private final List<CreditListing> listings;
    private final LocalDate asOf;
    private final Integer establishedDay;
    private String sizeClass;

    public Candidate(Profile profile, List<HeldQualification> qualifications, List<CreditListing> listings, LocalDate asOf) {
        this.profile = profile;
        this.qualifications = qualifications;
        this.listings = listings;
        this.asOf = asOf;
        this.establishedDay = profile.getEstablishedOn() == null ? null : (int) profile.getEstablishedOn().toEpochDay();
    }

    public Profile getProfile() { return profile; }
    public String getUscc() { return profile.getUscc(); }
    public String getRegionCode() { return profile.getRegionCode(); }
    public String getPark() { return profile.getPark(); }
    public String getIndustryCode() { return profile.getIndustryCode(); }
    public String getTaxCreditGrade() { return profile.getTaxCreditGrade(); }
    public String getPublicCreditGrade() { return profile.getPublicCreditGrade(); }
    /** The founding date as an epoch day: dates compare as integers. */
    public Integer getEstablishedDay() { return establishedDay; }
    public Integer getInsuredEmployees() { return profile.getInsuredEmployees(); }
    public BigDecimal getRevenue() { return profile.getRevenue(); }
    public BigDecimal getTotalAssets() { return profile.getTotalAssets(); }
    public BigDecimal getTaxPaid() { return profile.getTaxPaid(); }
    public BigDecimal getRdExpense() { return profile.getRdExpense(); }
    public BigDecimal getUnemploymentInsurancePaid() { return profile.getUnemploymentInsurancePaid(); }
    public Integer getGraduatesHired() { return profile.getGraduatesHired(); }
    public boolean isQualificationsKnown() { return profile.isQualificationsKnown(); }
    public String getSizeClass() { return sizeClass; }
    public void setSizeClass(String sizeClass) { this.sizeClass = sizeClass; }

    public BigDecimal attributeNumber(String name) { return profile.attributeNumber(name); }
    public Boolean attributeBoolean(String name) { return profile.attributeBoolean(name); }
    public String attributeText(String name) { return profile.attributeText(name); }

    /** Holds the qualification on the screening date, obtained within [fromDay, toDay] (epoch days). */
    public boolean holds(String type, long fromDay, long toDay) {
        for (HeldQualification q : qualifications) {
            long since = q.getSince().toEpochDay();
            if (q.getType().equals(type) && q.heldOn(asOf) && since >= fromDay && since <= toDay) {
                return true;
            }
        }
        return false;
    }

    /** On one of the named lists (comma-separated) on the screening date. */
    public boolean listedOn(String lists) {
        for (CreditListing l : listings) {
            if (l.inForceOn(asOf) && (',' + lists + ',').contains(',' + l.getList() + ',')) {
                return true;
            }
        }
        return false;
    }
}
