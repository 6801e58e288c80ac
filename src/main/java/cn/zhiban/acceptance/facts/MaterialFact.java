package cn.zhiban.acceptance.facts;

/** One material of the item, with what the applicant did about it. */
public class MaterialFact {
    private final String code;
    private final String name;
    private final boolean core;
    private final boolean missable;
    private final boolean pledgeable;
    private final boolean submitted;
    private final boolean pledged;

    public MaterialFact(String code, String name, boolean core, boolean missable, boolean pledgeable,
                        boolean submitted, boolean pledged) {
        this.code = code;
        this.name = name;
        this.core = core;
        this.missable = missable;
        this.pledgeable = pledgeable;
        this.submitted = submitted;
        this.pledged = pledged;
    }

    public String getCode() { return code; }
    public String getName() { return name; }
    public boolean isCore() { return core; }
    public boolean isMissable() { return missable; }
    public boolean isPledgeable() { return pledgeable; }
    public boolean isSubmitted() { return submitted; }
    public boolean isPledged() { return pledged; }
}
