package cn.zhiban.grants;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * Messages to enterprises: an inbox row and, in the same transaction, an outbox row an SMS gateway
 * can drain. Each message has a dedupe key, so repeated or concurrent runs never send one twice.
 */
@ApplicationScoped
public class Inbox {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static String payload(String title, String body) {
        try {
            return JSON.writeValueAsString(java.util.Map.of("title", title, "body", body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Must run inside the caller's transaction; returns whether the message is new. */
    public boolean send(String uscc, String policyId, UUID grantId, String title, String body, String dedupeKey) {
        var em = Panache.getEntityManager();
        Timestamp now = Timestamp.from(Instant.now());
        int inserted = em.createNativeQuery("""
                        insert into inbox_message (id, uscc, policy_id, grant_id, title, body, dedupe_key, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) on conflict (dedupe_key) do nothing""")
                .setParameter(1, UUID.randomUUID()).setParameter(2, uscc).setParameter(3, policyId).setParameter(4, grantId)
                .setParameter(5, title).setParameter(6, body).setParameter(7, dedupeKey).setParameter(8, now)
                .executeUpdate();
        if (inserted == 1) {
            em.createNativeQuery("insert into outbox (channel, uscc, payload, created_at) values ('SMS', ?1, cast(?2 as jsonb), ?3)")
                    .setParameter(1, uscc)
                    .setParameter(2, payload(title, body))
                    .setParameter(3, now)
                    .executeUpdate();
        }
        return inserted == 1;
    }

}
