package cn.zhiban.scale;

import cn.zhiban.enterprise.EnterpriseInput;
import cn.zhiban.enterprise.Listing;
import cn.zhiban.enterprise.Qualification;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** COPY into a real PostgreSQL with the service's own schema (its check constraints included). */
class EnterpriseCopyTest {
    private static final int ROWS = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration").load().migrate();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @Test
    void copiedRowsReadBackAsGeneratedAndTheFileReloadsTheSameTable(@TempDir Path dir) throws Exception {
        EnterpriseGenerator generator = new EnterpriseGenerator(42);
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            assertEquals(ROWS, generator.copyInto(c, 0, ROWS));
            assertEquals(ROWS, count(c));
            for (long i : new long[]{0, 1, 4321, ROWS - 1}) {
                assertRowIs(c, generator.enterprise(i));
            }
            String table = tableHash(c);

            // The file holds the same rows: reloading it gives the same table.
            Path file = dir.resolve("enterprises.csv");
            generator.writeFile(file, 0, ROWS);
            execute(c, "truncate enterprise cascade");
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String header = Files.readAllLines(file).get(0);
                c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY enterprise (" + header + ") FROM STDIN (FORMAT csv, HEADER true)", in);
            }
            assertEquals(table, tableHash(c));
        }
    }

    private static void assertRowIs(Connection c, EnterpriseGenerator.Generated g) throws SQLException, IOException {
        try (PreparedStatement s = c.prepareStatement("select * from enterprise where uscc = ?")) {
            s.setString(1, g.uscc());
            try (ResultSet row = s.executeQuery()) {
                assertTrue(row.next(), g.uscc());
                EnterpriseInput e = g.profile();
                assertEquals(e.name(), row.getString("name"));
                assertEquals(e.taxCreditGrade(), row.getString("tax_credit_grade"));
                assertEquals(e.publicCreditGrade(), row.getString("public_credit_grade"));
                assertEquals(e.regionCode(), row.getString("region_code"));
                assertEquals(e.park(), row.getString("park"));
                assertEquals(e.industryCode(), row.getString("industry_code"));
                assertEquals(e.establishedOn(), row.getObject("established_on", java.time.LocalDate.class));
                assertEquals(e.creditRepairedOn(), row.getObject("credit_repaired_on", java.time.LocalDate.class));
                assertEquals(e.insuredEmployees(), row.getObject("insured_employees", Integer.class));
                assertEquals(e.graduatesHired(), row.getObject("graduates_hired", Integer.class));
                assertMoney(e.revenue(), row.getBigDecimal("revenue"));
                assertMoney(e.totalAssets(), row.getBigDecimal("total_assets"));
                assertMoney(e.taxPaid(), row.getBigDecimal("tax_paid"));
                assertMoney(e.rdExpense(), row.getBigDecimal("rd_expense"));
                assertMoney(e.unemploymentInsurancePaid(), row.getBigDecimal("unemployment_insurance_paid"));
                assertEquals(e.listings(), JSON.readValue(row.getString("listings"), new TypeReference<List<Listing>>() {
                }));
                assertEquals(e.qualifications(), row.getString("qualifications") == null ? null
                        : JSON.readValue(row.getString("qualifications"), new TypeReference<List<Qualification>>() {
                }));
                // As JSON trees: jsonb reorders keys and keeps numbers exact.
                assertEquals(e.attributes() == null ? null : JSON.readTree(JSON.writeValueAsString(e.attributes())),
                        row.getString("attributes") == null ? null : JSON.readTree(row.getString("attributes")));
            }
        }
    }

    private static void assertMoney(BigDecimal expected, BigDecimal actual) {
        assertEquals(expected == null, actual == null);
        if (expected != null) {
            assertEquals(0, expected.compareTo(actual), expected + " vs " + actual);
        }
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select count(*) from enterprise")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String tableHash(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select md5(string_agg(e::text, '|' order by uscc)) from enterprise e")) {
            r.next();
            return r.getString(1);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
