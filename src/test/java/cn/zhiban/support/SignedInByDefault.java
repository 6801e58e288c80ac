package cn.zhiban.support;

import cn.zhiban.security.Roles;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;

import java.util.Set;

/**
 * Before each @QuarkusTest method (in the test's own class loader), every request without an
 * Authorization header gets a platform + policy-staff token. A request that sets its own header keeps
 * it; one marked {@value #ANONYMOUS} goes without (SecurityTest tries each endpoint each way).
 */
public class SignedInByDefault implements QuarkusTestBeforeEachCallback {
    public static final String ANONYMOUS = "X-Test-Anonymous";
    private static final String ADMIN = TestTokens.bearer("test-admin", Set.of(Roles.PLATFORM, Roles.POLICY_STAFF), null);

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        Filter signIn = (request, response, ctx) -> {
            if (request.getHeaders().hasHeaderWithName(ANONYMOUS)) {
                request.removeHeader(ANONYMOUS);
            } else if (!request.getHeaders().hasHeaderWithName("Authorization")) {
                request.header("Authorization", ADMIN);
            }
            return ctx.next(request, response);
        };
        RestAssured.replaceFiltersWith(signIn);
    }
}
