package cn.zhiban.enterprise;

import java.util.Optional;
import java.util.Set;

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set, the last a check
 * character over the first 17.
 */
public final class Uscc {
    private static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private Uscc() {
    }

    /** Why {@code code} is not a valid USCC, or empty when it is (or is a listed exception). */
    public static Optional<String> problem(String code, Set<String> acceptedExceptions) {
        if (code == null || code.isBlank()) {
            return Optional.of("统一社会信用代码不能为空");
        }
        if (acceptedExceptions.contains(code)) {
            return Optional.empty();
        }
        if (code.length() != 18) {
            return Optional.of("统一社会信用代码应为18位,实际为" + code.length() + "位");
        }
        for (int i = 0; i < 18; i++) {
            char c = code.charAt(i);
            if (CHARSET.indexOf(c) < 0) {
                return Optional.of("第" + (i + 1) + "位字符 '" + c + "' 不在 GB 32100-2015 字符集内(数字与大写字母,不含 I、O、S、V、Z)");
            }
        }
        for (int i = 2; i < 8; i++) {
            if (!Character.isDigit(code.charAt(i))) {
                return Optional.of("第3–8位应为行政区划代码(数字)");
            }
        }
        char expected = checkCharacter(code.substring(0, 17));
        if (code.charAt(17) != expected) {
            return Optional.of("校验位错误:按 GB 32100-2015 应为 '" + expected + "',实际为 '" + code.charAt(17) + "'");
        }
        return Optional.empty();
    }

    /** The check character for the first 17 characters. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = CHARSET.indexOf(first17.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("not a USCC character: " + first17.charAt(i));
            }
            sum += value * WEIGHTS[i];
        }
        return CHARSET.charAt((31 - sum % 31) % 31);
    }
}
