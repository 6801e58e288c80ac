package cn.zhiban.storage;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Plain JDBC helpers: reading values of native queries (whose timestamp type depends on the driver), batched writes. */
public final class SqlValues {
    private SqlValues() {
    }

    /** One statement, many rows, one round trip; the update count of each row. */
    public static int[] batch(java.sql.Connection connection, String sql, java.util.List<Object[]> rows) throws java.sql.SQLException {
        if (rows.isEmpty()) {
            return new int[0];
        }
        try (java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    statement.setObject(i + 1, row[i]);
                }
                statement.addBatch();
            }
            return statement.executeBatch();
        }
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
