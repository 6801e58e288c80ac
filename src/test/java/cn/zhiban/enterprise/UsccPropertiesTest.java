package cn.zhiban.enterprise;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.characters;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * GB 32100-2015 codes: every generated valid code passes, and each kind of slip is caught. Valid codes
 * are made with the test's own reading of the standard ({@link #standardCheck}), anchored on published
 * codes, never with {@link Uscc} itself, so a wrong weight or alphabet in the product fails here.
 */
class UsccPropertiesTest {
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final List<Character> CHARSET = ALPHABET.chars().mapToObj(c -> (char) c).toList();
    private static final int[] STANDARD_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    /** Published codes of real enterprises (Alibaba China, Tencent Shenzhen, Baidu, Huawei, Xiaomi) and the standard's worked example. */
    private static final List<String> PUBLISHED = List.of("91330100799655058B", "91440300708461136T", "91110000802100433B",
            "914403001922038216", "91110108551385082Q", "91350100M000100Y43");

    /** GB 32100-2015 §5: C18 = 31 − (Σ Ci·Wi mod 31), where 31 becomes 0; written apart from the product on purpose. */
    static char standardCheck(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * STANDARD_WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return ALPHABET.charAt(check == 31 ? 0 : check);
    }

    @Test
    void theIndependentCheckAgreesWithPublishedCodes() {
        // anchors the test's own implementation: if it were wrong, everything generated below would be too
        for (String code : PUBLISHED) {
            assertEquals(code.charAt(17), standardCheck(code.substring(0, 17)), code);
            assertEquals(Optional.empty(), Uscc.problem(code, Set.of()), code);
            assertEquals(code.charAt(17), Uscc.checkCharacter(code.substring(0, 17)), code);
        }
    }

    @Test
    void productCheckCharacterEqualsTheStandard() {
        qt().forAll(first17()).checkAssert(first17 -> assertEquals(standardCheck(first17), Uscc.checkCharacter(first17), first17));
    }

    /** Any well-formed 18 characters (right alphabet, digits for the region): valid exactly when the standard's check says so. */
    @Test
    void validatorAcceptsExactlyWhatTheStandardAccepts() {
        qt().forAll(first17(), Generate.pick(CHARSET), integers().between(0, 1)).checkAssert((first17, last, useCheck) -> {
            String code = first17 + (useCheck == 1 ? standardCheck(first17) : last);   // half of them valid, the rest valid 1 in 31
            boolean valid = code.charAt(17) == standardCheck(first17);
            assertEquals(valid, Uscc.problem(code, Set.of()).isEmpty(), code);
        });
    }

    static Gen<String> first17() {
        Gen<String> authority = lists().of(Generate.pick(CHARSET)).ofSize(2).map(UsccPropertiesTest::join);
        Gen<String> region = integers().between(0, 999_999).map(n -> String.format("%06d", n));
        Gen<String> body = lists().of(Generate.pick(CHARSET)).ofSize(9).map(UsccPropertiesTest::join);
        return authority.zip(region, body, (a, r, b) -> a + r + b);
    }

    static Gen<String> valid() {
        return first17().map(first17 -> first17 + standardCheck(first17));
    }

    @Test
    void generatedCodesAreValid() {
        qt().forAll(valid()).checkAssert(code -> assertEquals(Optional.empty(), Uscc.problem(code, Set.of()), code));
    }

    /** The weights are non-zero modulo the prime 31, so any single substitution moves the check sum. */
    @Test
    void anySingleCharacterChangeIsRejected() {
        qt().forAll(valid(), integers().between(0, 17), characters().ascii())
                .assuming((code, at, c) -> code.charAt(at) != c)
                .checkAssert((code, at, c) -> rejected(code.substring(0, at) + c + code.substring(at + 1)));
    }

    /** Distinct weights: swapping two different neighbours among the first 17 changes the check sum too. */
    @Test
    void adjacentTranspositionIsRejected() {
        qt().forAll(valid(), integers().between(0, 15))
                .assuming((code, at) -> code.charAt(at) != code.charAt(at + 1))
                .checkAssert((code, at) -> rejected(code.substring(0, at) + code.charAt(at + 1) + code.charAt(at) + code.substring(at + 2)));
    }

    @Test
    void lowerCaseIsRejected() {
        qt().forAll(valid()).assuming(code -> !code.toLowerCase().equals(code)).checkAssert(code -> rejected(code.toLowerCase()));
    }

    @Test
    void fullWidthCharactersAreRejected() {
        // '0' → '０', 'A' → 'Ａ': look the same to a person, are not the code
        qt().forAll(valid(), integers().between(0, 17))
                .checkAssert((code, at) -> rejected(code.substring(0, at) + (char) (code.charAt(at) + 0xFEE0) + code.substring(at + 1)));
    }

    @Test
    void seventeenOrNineteenCharactersAreRejected() {
        qt().forAll(valid(), characters().basicLatinCharacters()).checkAssert((code, extra) -> {
            assertTrue(rejected(code.substring(0, 17)).contains("实际为17位"));
            assertTrue(rejected(code + extra).contains("实际为19位"));
        });
    }

    private static String rejected(String code) {
        Optional<String> problem = Uscc.problem(code, Set.of());
        assertTrue(problem.isPresent(), code + " should be rejected");
        return problem.get();
    }

    private static String join(List<Character> chars) {
        StringBuilder s = new StringBuilder();
        chars.forEach(s::append);
        return s.toString();
    }
}
