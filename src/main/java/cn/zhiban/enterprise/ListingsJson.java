package cn.zhiban.enterprise;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.util.List;

/** Listings as the JSON the enterprise table stores (dates as ISO strings, like the API). */
final class ListingsJson {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private ListingsJson() {
    }

    static String write(List<Listing> listings) {
        try {
            return JSON.writeValueAsString(listings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
