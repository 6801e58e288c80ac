package cn.zhiban.web;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.ArcUndeclaredThrowableException;
import jakarta.transaction.RollbackException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The failure shapes a lost database takes, each answered 503; a bug stays a 500. */
class ProblemMappersTest {
    private static final UriInfo URI = proxy(UriInfo.class, Map.of("getPath", "/api/v1/test"));

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (p, method, args) -> {
            Object answer = answers.get(method.getName());
            if (answer instanceof Throwable t) {
                throw t;
            }
            return answer;
        });
    }

    private static ProblemMappers mappers(boolean databaseAnswers) {
        ProblemMappers mappers = new ProblemMappers();
        Connection connection = proxy(Connection.class, Map.of("isValid", true));
        mappers.dataSource = proxy(AgroalDataSource.class, Map.of("getConnection",
                databaseAnswers ? connection : new SQLException("Connection refused", "08001")));
        return mappers;
    }

    private static int status(ProblemMappers mappers, RuntimeException e) {
        Response r = mappers.unexpected(e, URI);
        if (r.getStatus() == 503) {
            assertEquals("5", r.getHeaderString("Retry-After"));
            assertEquals("(database)", ((List<?>) ((Map<?, ?>) r.getEntity()).get("errors")).stream()
                    .map(f -> ((FieldError) f).field()).findFirst().orElseThrow());
        }
        return r.getStatus();
    }

    @Test
    void everyShapeOfALostConnectionIs503() {
        List<RuntimeException> shapes = List.of(
                new JDBCConnectionException("Unable to acquire JDBC Connection", new SQLException("refused", "08001")),
                new IllegalStateException(new SQLException("An I/O error occurred while sending to the backend.", "08006")),
                new IllegalStateException(new SQLException("terminating connection due to administrator command", "57P01")),
                new IllegalStateException(new SQLException("the database system is starting up", "57P03")),
                new IllegalStateException(new SQLException("Acquisition timeout while waiting for new connection")),
                new IllegalStateException(new ConnectException("Connection refused")));
        for (RuntimeException e : shapes) {
            assertEquals(503, status(mappers(true), e), e.getCause() == null ? e.toString() : e.getCause().toString());
        }
    }

    /** A commit the transaction manager reports only as rolled back: the pool is asked whether the database answers. */
    @Test
    void aFailedCommitIs503OnlyWhileTheDatabaseIsDown() {
        RuntimeException commitFailed = new ArcUndeclaredThrowableException(new RollbackException("ARJUNA016053: Could not commit transaction."));
        assertEquals(503, status(mappers(false), commitFailed));
        assertEquals(500, status(mappers(true), commitFailed));
    }

    @Test
    void aBugIsStillA500EvenWhileTheDatabaseIsDown() {
        assertEquals(500, status(mappers(false), new NullPointerException("bug")));
        assertEquals(500, status(mappers(true), new IllegalStateException(new SQLException("syntax error", "42601"))));
    }
}
