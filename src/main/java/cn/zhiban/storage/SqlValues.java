package cn.zhiban.storage;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reading values of native queries, whose timestamp type depends on the driver. */
public final class SqlValues {
    private SqlValues() {
    }

    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return Instant.parse(value.toString());
    }
}
