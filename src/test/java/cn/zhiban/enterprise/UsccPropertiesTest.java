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

/** GB 32100-2015 codes: every generated valid code passes, and each kind of slip is caught. */
class UsccPropertiesTest {
    private static final List<Character> CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY".chars().mapToObj(c -> (char) c).toList();

    static Gen<String> valid() {
        Gen<String> authority = lists().of(Generate.pick(CHARSET)).ofSize(2).map(UsccPropertiesTest::join);
        Gen<String> region = integers().between(0, 999_999).map(n -> String.format("%06d", n));
        Gen<String> body = lists().of(Generate.pick(CHARSET)).ofSize(9).map(UsccPropertiesTest::join);
        return authority.zip(region, body, (a, r, b) -> a + r + b).map(first17 -> first17 + Uscc.checkCharacter(first17));
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
