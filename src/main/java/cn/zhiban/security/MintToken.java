package cn.zhiban.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Prints a token for local use, signed with the key the service generated on first start:
 * {@code mvn -q compile exec:java@token -Dexec.args="enterprise 91510107MA6LGA5KXD"} (roles: platform,
 * policy-staff, enterprise; an enterprise token needs its USCC). Valid for 12 hours.
 */
public final class MintToken {
    private MintToken() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || !Set.of(Roles.PLATFORM, Roles.POLICY_STAFF, Roles.ENTERPRISE).contains(args[0])
                || (Roles.ENTERPRISE.equals(args[0]) && args.length < 2)) {
            System.err.println("usage: token <platform|policy-staff|enterprise> [uscc] [subject]");
            System.exit(2);
        }
        String role = args[0];
        String uscc = Roles.ENTERPRISE.equals(role) ? args[1] : null;
        String subject = args.length > 2 ? args[2] : Roles.ENTERPRISE.equals(role) ? uscc : role + "-local";
        Path keys = Path.of(System.getenv().getOrDefault("ZHIBAN_DATA_DIR", ".zhiban")).resolve("keys");
        LocalKeys.ensure(keys);
        System.out.println(Tokens.sign(keys, subject, Set.of(role), uscc, Duration.ofHours(12)));
    }
}
