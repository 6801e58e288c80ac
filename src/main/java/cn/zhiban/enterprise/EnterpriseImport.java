package cn.zhiban.enterprise;

import cn.zhiban.policydata.Csv;
import cn.zhiban.web.ApiProblem;
import cn.zhiban.web.FieldError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Bulk import of enterprises, streamed line by line: NDJSON (one PUT body plus {@code uscc} per line)
 * or CSV (a header of field names, scalar fields only). Good rows are imported, each on its own;
 * bad rows are reported with their line, field and reason.
 */
@ApplicationScoped
public class EnterpriseImport {
    static final int MAX_REPORTED_ERRORS = 1000;

    @Inject
    Enterprises enterprises;
    @Inject
    ObjectMapper json;

    public record RowError(long line, String uscc, String field, String reason) {
    }

    public record Report(long rows, long imported, long failed, List<RowError> errors) {
    }

    public Report ndjson(InputStream body) {
        Counter counter = new Counter();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                ObjectNode node;
                try {
                    node = (ObjectNode) json.readTree(line);
                } catch (JsonProcessingException | ClassCastException e) {
                    counter.fail(number, null, "(line)", "不是 JSON 对象");
                    continue;
                }
                importRow(counter, number, node);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counter.report();
    }

    public Report csv(InputStream body) {
        Counter counter = new Counter();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String headerLine = reader.readLine();
            if (headerLine == null) {
                throw ApiProblem.invalid("(body)", "CSV 为空,第一行应为字段名");
            }
            List<String> header = Csv.split(headerLine.startsWith("\uFEFF") ? headerLine.substring(1) : headerLine);
            String line;
            long number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> cells = Csv.split(line);
                if (cells.size() != header.size()) {
                    counter.fail(number, null, "(line)", "有 " + cells.size() + " 列,表头有 " + header.size() + " 列");
                    continue;
                }
                ObjectNode node = json.createObjectNode();
                for (int i = 0; i < header.size(); i++) {
                    String cell = cells.get(i).strip();
                    if (!cell.isEmpty()) {
                        node.set(header.get(i).strip(), Csv.scalar(json, cell));
                    }
                }
                importRow(counter, number, node);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counter.report();
    }

    private void importRow(Counter counter, long number, ObjectNode node) {
        String uscc = node.path("uscc").isTextual() ? node.get("uscc").asText() : null;
        node.remove("uscc");
        EnterpriseInput input;
        try {
            input = json.treeToValue(node, EnterpriseInput.class);
        } catch (JsonMappingException e) {
            String field = e.getPath().isEmpty() ? "(line)" : e.getPath().get(0).getFieldName();
            counter.fail(number, uscc, field, e.getOriginalMessage());
            return;
        } catch (JsonProcessingException e) {
            counter.fail(number, uscc, "(line)", e.getOriginalMessage());
            return;
        }
        try {
            enterprises.put(uscc, input, "uscc");
            counter.imported++;
        } catch (ApiProblem problem) {
            FieldError first = problem.errors().get(0);
            counter.fail(number, uscc, first.field(), problem.errors().stream().map(FieldError::reason).reduce((a, b) -> a + "; " + b).orElse(""));
        }
    }

    private static final class Counter {
        long rows;
        long imported;
        long failed;
        final List<RowError> errors = new ArrayList<>();

        void fail(long line, String uscc, String field, String reason) {
            failed++;
            if (errors.size() < MAX_REPORTED_ERRORS) {
                errors.add(new RowError(line, uscc, field, reason));
            }
        }

        Report report() {
            return new Report(imported + failed, imported, failed, errors);
        }
    }
}
