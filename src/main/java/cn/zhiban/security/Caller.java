package cn.zhiban.security;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, and whether they may touch an enterprise's data. */
@RequestScoped
public class Caller {
    @Inject
    SecurityIdentity identity;
    @Inject
    JsonWebToken token;

    /** Platforms and policy staff reach every enterprise; an enterprise only itself (its {@code uscc} claim). */
    public void requireAccessTo(String uscc) {
        if (identity.hasRole(Roles.PLATFORM) || identity.hasRole(Roles.POLICY_STAFF)) {
            return;
        }
        Object own = token.getClaim("uscc");
        if (identity.hasRole(Roles.ENTERPRISE) && own != null && own.toString().equals(uscc)) {
            return;
        }
        throw new ForbiddenException("enterprise " + own + " may not access " + uscc);
    }

    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }
}
