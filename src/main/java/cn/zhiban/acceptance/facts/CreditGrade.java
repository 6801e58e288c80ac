package cn.zhiban.acceptance.facts;

/** One graded credit fact: {@code kind} is TAX or PUBLIC; {@code grade} is UNKNOWN when never supplied. */
public class CreditGrade {
    public static final String UNKNOWN = "UNKNOWN";
    private final String kind;
    private final String grade;

    public CreditGrade(String kind, String grade) {
        this.kind = kind;
        this.grade = grade == null ? UNKNOWN : grade;
    }

    public String getKind() { return kind; }
    public String getGrade() { return grade; }
}
