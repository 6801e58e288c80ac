package cn.zhiban.support;

import io.restassured.path.json.JsonPath;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static io.restassured.RestAssured.get;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Waiting for a matching run, as its GET shows it: one way, with a stated condition and a timeout. */
public final class Runs {
    /** Long enough for the largest test run (2,000 enterprises) on two busy cores. */
    public static final Duration TIMEOUT = Duration.ofMinutes(2);

    private Runs() {
    }

    /** The run once {@code condition} holds; fails naming {@code what} and the run as last seen if it never does. */
    public static JsonPath until(String runId, String what, Predicate<JsonPath> condition) {
        AtomicReference<JsonPath> last = new AtomicReference<>();
        try {
            return await("run " + runId + ": " + what).atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> {
                JsonPath run = get("/api/v1/runs/{id}", runId).then().statusCode(200).extract().jsonPath();
                last.set(run);
                return run;
            }, condition::test);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; last seen: " + (last.get() == null ? "(never read)" : last.get().prettify()), e);
        }
    }

    /** The run once it is no longer RUNNING, which must be DONE. */
    public static JsonPath finished(String runId) {
        JsonPath run = until(runId, "no longer RUNNING", r -> !"RUNNING".equals(r.getString("state")));
        assertEquals("DONE", run.getString("state"), run.prettify());
        return run;
    }
}
