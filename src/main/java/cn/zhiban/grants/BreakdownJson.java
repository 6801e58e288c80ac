package cn.zhiban.grants;

import cn.zhiban.matching.MatchResult;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;

/** A grant's breakdown as stored: the lines the match computed, with their citations. */
final class BreakdownJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BreakdownJson() {
    }

    static String write(List<MatchResult.BreakdownLine> lines) {
        try {
            return JSON.writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
