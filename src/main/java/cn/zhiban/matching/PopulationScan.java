package cn.zhiban.matching;

import cn.zhiban.enterprise.Enterprise;
import cn.zhiban.enterprise.Listing;
import cn.zhiban.enterprise.Qualification;
import cn.zhiban.matching.facts.Candidate;
import cn.zhiban.matching.facts.Money;
import cn.zhiban.storage.JsonColumns;
import com.fasterxml.jackson.core.type.TypeReference;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Screens every stored enterprise after a USCC (exclusive) in USCC order: one cursor streams the rows,
 * chunks are screened on all cores, and each chunk's result reaches the consumer in order on the calling
 * thread. At most {@code workers + 1} chunks are in memory, whatever the population.
 */
public final class PopulationScan {
    private static final TypeReference<List<Qualification>> QUALIFICATIONS = new TypeReference<>() {
    };
    private static final TypeReference<List<Listing>> LISTINGS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() {
    };

    /** One eligible pair: the policy's index in the screening, the enterprise, the lines that apply and the total. */
    public record Hit(int policy, String uscc, int[] lines, BigDecimal[] amounts, BigDecimal amount) {
    }

    /** A screened chunk: its enterprises and, per screening, the eligible pairs in USCC order. */
    public record Chunk(List<Matcher.Subject> subjects, List<List<Hit>> hitsPerScreening) {
        public int enterprises() {
            return subjects.size();
        }

        /** The resume point: every enterprise up to this USCC is in this or an earlier chunk. */
        public String lastUscc() {
            return subjects.get(subjects.size() - 1).profile().getUscc();
        }

        /** The eligible pairs of the first (or only) screening. */
        public List<Hit> hits() {
            return hitsPerScreening.get(0);
        }
    }

    public interface Consumer {
        void accept(Chunk chunk) throws Exception;
    }

    private PopulationScan() {
    }

    /** Runs the scan; an exception from the database, the rules or the consumer stops it and is rethrown. */
    public static void run(DataSource dataSource, Screening screening, LocalDate asOf, String after, int chunkSize, int workers,
                           Consumer consumer) throws Exception {
        run(dataSource, List.of(screening), asOf, after, chunkSize, workers, consumer);
    }

    /** Screens every chunk with each screening (e.g. two versions of the policies, compared in a simulation). */
    public static void run(DataSource dataSource, List<Screening> screenings, LocalDate asOf, String after, int chunkSize, int workers,
                           Consumer consumer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "population-scan");
            t.setDaemon(true);
            return t;
        });
        Deque<Future<Chunk>> inFlight = new ArrayDeque<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);   // the PostgreSQL driver streams with a cursor only inside a transaction
            try (PreparedStatement select = connection.prepareStatement("""
                    select uscc, region_code, park, industry_code, tax_credit_grade, public_credit_grade, established_on,
                           insured_employees, revenue, total_assets, tax_paid, rd_expense, unemployment_insurance_paid,
                           graduates_hired, qualifications, attributes, listings
                    from enterprise where uscc > ? order by uscc""")) {
                select.setFetchSize(chunkSize);
                select.setString(1, after == null ? "" : after);
                try (ResultSet rows = select.executeQuery()) {
                    List<Matcher.Subject> chunk = new ArrayList<>(chunkSize);
                    while (rows.next()) {
                        chunk.add(Subjects.of(enterprise(rows)));
                        if (chunk.size() == chunkSize) {
                            submit(pool, inFlight, screenings, asOf, chunk);
                            chunk = new ArrayList<>(chunkSize);
                            while (inFlight.size() > workers) {
                                consumer.accept(take(inFlight));
                            }
                        }
                    }
                    if (!chunk.isEmpty()) {
                        submit(pool, inFlight, screenings, asOf, chunk);
                    }
                }
            } finally {
                connection.rollback();
            }
            while (!inFlight.isEmpty()) {
                consumer.accept(take(inFlight));
            }
        } finally {
            inFlight.forEach(f -> f.cancel(true));
            pool.shutdownNow();
        }
    }

    private static void submit(ExecutorService pool, Deque<Future<Chunk>> inFlight, List<Screening> screenings, LocalDate asOf,
                               List<Matcher.Subject> subjects) {
        inFlight.add(pool.submit(() -> {
            List<List<Hit>> hitsPerScreening = new ArrayList<>();
            for (Screening screening : screenings) {
                hitsPerScreening.add(screen(screening, subjects, asOf));
            }
            return new Chunk(subjects, hitsPerScreening);
        }));
    }

    /** The chunk's hits in the order of its subjects (USCC order), then of the policies: bucketed as they come, not sorted by string. */
    private static List<Hit> screen(Screening screening, List<Matcher.Subject> subjects, LocalDate asOf) {
        Map<String, Integer> position = new HashMap<>(subjects.size() * 2);
        for (int i = 0; i < subjects.size(); i++) {
            position.put(subjects.get(i).profile().getUscc(), i);
        }
        @SuppressWarnings("unchecked")
        List<Hit>[] bySubject = new List[subjects.size()];
        int[] count = {0};
        screening.screen(subjects, asOf, new ScreeningSink() {
            @Override
            public void eligible(int policy, Candidate candidate, BigDecimal amount) {
                throw new UnsupportedOperationException("the rules report lines");
            }

            @Override
            public void eligible(int policy, Candidate candidate, String cap, int[] lines, BigDecimal[] amounts) {
                int at = position.get(candidate.getUscc());
                if (bySubject[at] == null) {
                    bySubject[at] = new ArrayList<>();
                }
                bySubject[at].add(new Hit(policy, candidate.getUscc(), lines, amounts, Money.total(cap, amounts)));
                count[0]++;
            }
        });
        List<Hit> hits = new ArrayList<>(count[0]);
        for (List<Hit> ofSubject : bySubject) {
            if (ofSubject != null) {
                ofSubject.sort(Comparator.comparingInt(Hit::policy));
                hits.addAll(ofSubject);
            }
        }
        return hits;
    }

    private static Chunk take(Deque<Future<Chunk>> inFlight) throws Exception {
        try {
            return inFlight.poll().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static Enterprise enterprise(ResultSet r) throws SQLException {
        Enterprise e = new Enterprise();
        e.uscc = r.getString(1);
        e.regionCode = r.getString(2);
        e.park = r.getString(3);
        e.industryCode = r.getString(4);
        e.taxCreditGrade = r.getString(5);
        e.publicCreditGrade = r.getString(6);
        e.establishedOn = r.getObject(7, LocalDate.class);
        e.insuredEmployees = (Integer) r.getObject(8);
        e.revenue = r.getBigDecimal(9);
        e.totalAssets = r.getBigDecimal(10);
        e.taxPaid = r.getBigDecimal(11);
        e.rdExpense = r.getBigDecimal(12);
        e.unemploymentInsurancePaid = r.getBigDecimal(13);
        e.graduatesHired = (Integer) r.getObject(14);
        e.qualifications = json(r.getString(15), QUALIFICATIONS);
        e.attributes = json(r.getString(16), ATTRIBUTES);
        e.listings = json(r.getString(17), LISTINGS);
        return e;
    }

    private static <T> T json(String text, TypeReference<T> type) {
        if (text == null) {
            return null;
        }
        try {
            return JsonColumns.MAPPER.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
