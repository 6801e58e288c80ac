package cn.zhiban.grants;

import jakarta.inject.Inject;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import cn.zhiban.storage.SqlValues;

/**
 * Messages to enterprises: an inbox row and, in the same transaction, an outbox row an SMS gateway
 * can drain. Each message has a dedupe key, so repeated or concurrent runs never send one twice.
 */
@ApplicationScoped
public class Inbox {
    @Inject
    Clock clock;

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static String payload(String title, String body) {
        try {
            return JSON.writeValueAsString(java.util.Map.of("title", title, "body", body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public record Message(String uscc, String policyId, UUID grantId, String title, String body, String dedupeKey) {
    }

    /** Must run inside the caller's transaction; returns whether the message is new. */
    public boolean send(String uscc, String policyId, UUID grantId, String title, String body, String dedupeKey) {
        return sendAll(List.of(new Message(uscc, policyId, grantId, title, body, dedupeKey))) == 1;
    }

    /** Sends in batches inside the caller's transaction; messages already sent (same dedupe key) are skipped. Returns how many were new. */
    public int sendAll(List<Message> messages) {
        if (messages.isEmpty()) {
            return 0;
        }
        Timestamp now = Timestamp.from(clock.instant());
        int[] sent = {0};
        Panache.getEntityManager().unwrap(org.hibernate.Session.class).doWork(connection -> {
            List<Object[]> rows = new ArrayList<>();
            for (Message m : messages) {
                rows.add(new Object[]{UUID.randomUUID(), m.uscc(), m.policyId(), m.grantId(), m.title(), m.body(), m.dedupeKey(), now});
            }
            int[] inserted = SqlValues.batch(connection, """
                    insert into inbox_message (id, uscc, policy_id, grant_id, title, body, dedupe_key, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (dedupe_key) do nothing""", rows);
            List<Object[]> outbox = new ArrayList<>();
            for (int i = 0; i < inserted.length; i++) {
                if (inserted[i] == 1) {
                    outbox.add(new Object[]{messages.get(i).uscc(), payload(messages.get(i).title(), messages.get(i).body()), now});
                }
            }
            SqlValues.batch(connection, "insert into outbox (channel, uscc, payload, created_at) values ('SMS', ?, cast(? as jsonb), ?)", outbox);
            sent[0] = outbox.size();
        });
        return sent[0];
    }

}
