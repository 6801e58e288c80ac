package cn.zhiban.enterprise;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UsccTest {
    private static final String VALID = "91330100799655058B";

    private static String reason(String code) {
        Optional<String> problem = Uscc.problem(code, Set.of());
        assertTrue(problem.isPresent(), code + " should be invalid");
        return problem.get();
    }

    @ParameterizedTest
    // Published codes of real enterprises, and the worked example of GB 32100-2015.
    @ValueSource(strings = {"91330100799655058B", "91440300708461136T", "91110000802100433B", "91350100M000100Y43"})
    void realPublicCodesAreValid(String code) {
        assertEquals(Optional.empty(), Uscc.problem(code, Set.of()));
        assertEquals(code.charAt(17), Uscc.checkCharacter(code.substring(0, 17)));
    }

    @Test
    void wrongCheckCharacterNamesTheExpectedOne() {
        assertEquals("校验位错误:按 GB 32100-2015 应为 'B',实际为 'C'", reason("91330100799655058C"));
    }

    @Test
    void lowerCaseIsInvalid() {
        String reason = reason("91330100799655058b");
        assertTrue(reason.startsWith("第18位字符 'b'"), reason);
    }

    @Test
    void lengthMustBe18() {
        assertEquals("统一社会信用代码应为18位,实际为17位", reason(VALID.substring(0, 17)));
        assertEquals("统一社会信用代码应为18位,实际为19位", reason(VALID + "0"));
    }

    @ParameterizedTest
    @ValueSource(chars = {'I', 'O', 'S', 'V', 'Z'})
    void lettersOutsideTheCharsetAreInvalid(char letter) {
        String code = VALID.substring(0, 8) + letter + VALID.substring(9);
        assertTrue(reason(code).startsWith("第9位字符 '" + letter + "' 不在 GB 32100-2015 字符集内"), reason(code));
    }

    @Test
    void fullWidthDigitsAreInvalid() {
        // Character.isDigit accepts full-width digits; the charset check must not.
        String reason = reason("９１330100799655058B");
        assertTrue(reason.startsWith("第1位字符 '９'"), reason);
    }

    @Test
    void nullAndBlankAreInvalid() {
        assertEquals("统一社会信用代码不能为空", reason(null));
        assertEquals("统一社会信用代码不能为空", reason(""));
        assertEquals("统一社会信用代码不能为空", reason("   "));
    }

    @Test
    void listedExceptionIsAcceptedThoughItsCheckFails() {
        String code = "911100001000016602";
        assertEquals('9', Uscc.checkCharacter(code.substring(0, 17)));
        assertEquals("校验位错误:按 GB 32100-2015 应为 '9',实际为 '2'", reason(code));
        assertEquals(Optional.empty(), Uscc.problem(code, Set.of(code)));
    }

    @Test
    void checkCharacterRejectsCharactersOutsideTheCharset() {
        assertThrows(IllegalArgumentException.class, () -> Uscc.checkCharacter("9133010079965505I"));
    }
}
