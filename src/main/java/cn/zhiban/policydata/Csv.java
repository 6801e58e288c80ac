package cn.zhiban.policydata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Just enough CSV for imports and decision-table checks: comma-separated, double-quoted cells with "" escapes, one record per line. */
public final class Csv {
    private Csv() {
    }

    public static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    /** A cell as JSON: numbers stay exact, everything else is text (dates and grades are text in JSON too). */
    public static JsonNode scalar(ObjectMapper json, String cell) {
        if (cell.matches("-?\\d+(\\.\\d+)?")) {
            BigDecimal number = new BigDecimal(cell);
            return number.scale() == 0 && number.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0
                    ? json.getNodeFactory().numberNode(number.intValueExact()) : json.getNodeFactory().numberNode(number);
        }
        return json.getNodeFactory().textNode(cell);
    }
}
