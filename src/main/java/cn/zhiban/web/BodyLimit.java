package cn.zhiban.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Request bodies over {@code zhiban.http.max-body-size} are refused with 413 problem+json naming the
 * body and the limit — before anything is read when the client declares the length, and as soon as the
 * limit is crossed when it streams (chunked). Quarkus's own limit ({@code quarkus.http.limits.max-body-size})
 * is set higher and only backs this up: it answers with a bare 413.
 */
@ApplicationScoped
@Provider
public class BodyLimit implements ReaderInterceptor {
    /** A refused body is read and dropped up to this many bytes, so clients that send it all before
     *  reading the answer (most do) still get it; beyond, the connection is closed. */
    private static final long DRAIN_AT_MOST = 64L * 1024 * 1024;

    private final long limit;
    private final ObjectMapper json;

    BodyLimit(@ConfigProperty(name = "zhiban.http.max-body-size") MemorySize limit, ObjectMapper json) {
        this.limit = limit.asLongValue();
        this.json = json;
    }

    /** Ahead of Quarkus's limit handler (order -2): declared lengths are checked before any byte is read. */
    void install(@Observes Router router) {
        router.route().order(-3).handler(this::checkDeclaredLength);
    }

    private void checkDeclaredLength(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        long length;
        try {
            length = declared == null ? -1 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            length = -1;   // Netty refuses malformed lengths before this point
        }
        if (length <= limit) {
            ctx.next();
            return;
        }
        long[] drained = {0};
        request.handler(chunk -> {
            drained[0] += chunk.length();
            if (drained[0] > DRAIN_AT_MOST) {
                request.connection().close();
            }
        });
        request.resume();
        ctx.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemMappers.PROBLEM_JSON)
                .end(problem(request.path(), "声明 " + length + " 字节"));
    }

    /** Streamed (chunked) bodies: counted as they are read. */
    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new Limited(context.getInputStream()));
        return context.proceed();
    }

    private String problem(String path, String size) {
        try {
            return json.writeValueAsString(ProblemMappers.body(413, "请求体过大", List.of(tooLarge(size)), path));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private FieldError tooLarge(String size) {
        return new FieldError("(body)", "请求体" + size + ",超过上限 " + limit + " 字节(" + limit / (1024 * 1024) + " MB)");
    }

    private final class Limited extends FilterInputStream {
        private long read;

        Limited(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) {
            read += n;
            if (read > limit) {
                throw new ApiProblem(413, "请求体过大", List.of(tooLarge("已超过 " + limit + " 字节")));
            }
        }
    }
}
