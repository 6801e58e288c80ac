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

    /** The amount of the highest step {@code value} reaches (steps: atLeast, amount, atLeast, amount … ascending); zero below the first. */
    public static BigDecimal tier(Number value, String... steps) {
        BigDecimal v = new BigDecimal(value.toString());
        BigDecimal amount = BigDecimal.ZERO.setScale(2);
        for (int i = 0; i < steps.length; i += 2) {
            if (v.compareTo(new BigDecimal(steps[i])) >= 0) {
                amount = of(steps[i + 1]);
            }
        }
        return amount;
    }

    /** The lines summed, then held to the per-enterprise cap (null: none). */
    public static BigDecimal total(String cap, BigDecimal... lines) {
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (BigDecimal line : lines) {
            total = total.add(line);
        }
        return cap == null ? total : total.min(of(cap));
    }

    private static BigDecimal capped(BigDecimal value, String cap) {
        BigDecimal v = value.setScale(2, RoundingMode.HALF_UP);
        return cap == null ? v : v.min(of(cap));
    }
}
