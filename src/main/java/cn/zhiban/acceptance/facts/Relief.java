package cn.zhiban.acceptance.facts;

/** A relief the rules consider (APPROVAL_WAIVER, SITE_INSPECTION_PLEDGE, MATERIAL_PLEDGE, CONDITIONAL_ACCEPTANCE); listed in reliefs.drl. */
public class Relief {
    private final String code;

    public Relief(String code) { this.code = code; }

    public String getCode() { return code; }
}
