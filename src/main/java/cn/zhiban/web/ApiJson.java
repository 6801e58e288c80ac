package cn.zhiban.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.LocalDate;

/**
 * API JSON is strict: 10.5 is not an integer, 1 is not a boolean, decimals stay exact (money), and
 * a date outside 1900–2199 is refused as malformed rather than reaching the database.
 */
@Singleton
public class ApiJson implements ObjectMapperCustomizer {
    public static final int FIRST_YEAR = 1900;
    public static final int LAST_YEAR = 2199;

    /** After Quarkus' own customizers, so its date handling does not replace ours. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("zhiban-strict")
                .addDeserializer(LocalDate.class, new SaneDates())
                .addDeserializer(String.class, new NoNulStrings()));
    }

    public static boolean sane(LocalDate date) {
        return date.getYear() >= FIRST_YEAR && date.getYear() <= LAST_YEAR;
    }

    /** PostgreSQL cannot store U+0000, and no field needs it. */
    static final class NoNulStrings extends StdDeserializer<String> {
        NoNulStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = com.fasterxml.jackson.databind.deser.std.StringDeserializer.instance.deserialize(parser, context);
            if (value != null && value.indexOf('\u0000') >= 0) {
                throw InvalidFormatException.from(parser, "NUL character", value.replace("\u0000", "\\u0000"), String.class);
            }
            return value;
        }
    }

    static final class SaneDates extends StdDeserializer<LocalDate> {
        SaneDates() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            LocalDate date = LocalDateDeserializer.INSTANCE.deserialize(parser, context);
            if (date != null && !sane(date)) {
                throw InvalidFormatException.from(parser, "date out of range", parser.getText(), LocalDate.class);
            }
            return date;
        }
    }
}
