package cn.zhiban.support;

import cn.zhiban.security.LocalKeys;
import cn.zhiban.security.Roles;
import cn.zhiban.security.Tokens;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/** Tokens signed with a key generated for the test run (target/test-keys). */
public final class TestTokens {
    private static final Path KEYS = Path.of("target", "test-keys").toAbsolutePath();

    private TestTokens() {
    }

    static Path publicKey() {
        LocalKeys.ensure(KEYS);
        return LocalKeys.publicKey(KEYS);
    }

    public static String token(String subject, Set<String> roles, String uscc) {
        LocalKeys.ensure(KEYS);
        return Tokens.sign(KEYS, subject, roles, uscc, Duration.ofHours(1));
    }

    public static String bearer(String subject, Set<String> roles, String uscc) {
        return "Bearer " + token(subject, roles, uscc);
    }

    public static String platform() {
        return bearer("platform-test", Set.of(Roles.PLATFORM), null);
    }

    public static String staff(String name) {
        return bearer(name, Set.of(Roles.POLICY_STAFF), null);
    }

    public static String enterprise(String uscc) {
        return bearer(uscc, Set.of(Roles.ENTERPRISE), uscc);
    }
}
