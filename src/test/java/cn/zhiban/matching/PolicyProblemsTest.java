package cn.zhiban.matching;

import cn.zhiban.policydata.PolicyDataException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Malformed policy files found by the property tests: each is refused with the field named, never an exception of the checker. */
class PolicyProblemsTest {
    private static final String LEAF = "{id: c, field: insuredEmployees, op: \">=\", value: 1, text: 条件, source: 第二条}";
    private static final String LINE = "{label: 奖励, fixed: 1000.00, source: 第三条}";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{id: c, field: attributes.x, op: in, values: [1, null], text: 条件, source: 第二条}|" + LINE + "|values",
            "{id: c, notListed: [DISHONEST_DEBTOR, null], text: 条件, source: 第二条}|" + LINE + "|notListed",
            LEAF + "|{label: 补助, perUnit: {amount: 100}, source: 第三条}|perUnit.field",
            LEAF + "|{label: 补助, perUnit: {field: graduatesHired}, source: 第三条}|perUnit.amount",
            "{id: c, field: revenue, op: \">=\", value: .nan, text: 条件, source: 第二条}|" + LINE + "|value",
            "{id: c, field: revenue, op: \">=\", value: .inf, text: 条件, source: 第二条}|" + LINE + "|value",
            "{id: c, field: attributes.x, op: \">=\", value: .nan, text: 条件, source: 第二条}|" + LINE + "|value",
            LEAF + "|{label: 奖励, fixed: 1E+2147483647, source: 第三条}|fixed",
            LEAF + "|{label: 档, tiers: {field: revenue, steps: [{atLeast: 1E+999999999, amount: 1}]}, source: 第三条}|atLeast",
    })
    void refusedWithTheFieldNamed(String condition, String line, String field) {
        byte[] file = PolicyFiles.yaml("T-BAD-2026", "id: root\nall:\n  - " + condition, "- " + line, "").getBytes(StandardCharsets.UTF_8);
        PolicyDataException e = assertThrows(PolicyDataException.class, () -> Policies.parse("T-BAD-2026.yaml", file));
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }
}
