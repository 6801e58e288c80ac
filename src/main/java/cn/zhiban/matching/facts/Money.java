package cn.zhiban.matching.facts;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Exact money arithmetic for benefit rules: yuan, 2 decimals, half-up, optional cap. */
public final class Money {
    private Money() {
    }

    public static BigDecimal of(String yuan) {
        return new BigDecimal(yuan).setScale(2, RoundingMode.HALF_UP);
    }

    public static BigDecimal percent(BigDecimal base, String rate, String cap) {
        return capped(base.multiply(new BigDecimal(rate)), cap);
    }

    public static BigDecimal perUnit(Integer count, String amount, String cap) {
        return capped(new BigDecimal(amount).multiply(BigDecimal.valueOf(count)), cap);
    }

    private static BigDecimal capped(BigDecimal value, String cap) {
        BigDecimal v = value.setScale(2, RoundingMode.HALF_UP);
        return cap == null ? v : v.min(of(cap));
    }
}
