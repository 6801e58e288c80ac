package cn.zhiban.support;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading the service's tables directly, to check what the API cannot show (duplicates, audit chains, sums). */
public final class TestSql {
    private TestSql() {
    }

    /** Each row as column label → value, in order. */
    public static List<Map<String, Object>> rows(DataSource dataSource, String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The single value of a one-row, one-column query, such as a count or a sum. */
    public static Object value(DataSource dataSource, String sql, Object... params) {
        return rows(dataSource, sql, params).get(0).values().iterator().next();
    }

    public static long count(DataSource dataSource, String sql, Object... params) {
        return ((Number) value(dataSource, sql, params)).longValue();
    }
}
