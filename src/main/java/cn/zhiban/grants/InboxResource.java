package cn.zhiban.grants;

import cn.zhiban.security.Caller;
import cn.zhiban.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import cn.zhiban.enterprise.Enterprise;
import cn.zhiban.matching.Policies;
import cn.zhiban.matching.PolicyDefinition;
import cn.zhiban.storage.SqlValues;
import cn.zhiban.web.ApiProblem;
import cn.zhiban.web.Validation;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

@Path("/api/v1")
@Tag(name = "inbox", description = "订阅与消息")
public class InboxResource {
    @Inject
    Clock clock;
    @Inject
    Policies policies;
    @Inject
    Inbox inbox;
    @Inject
    Caller caller;

    public record Subscriptions(List<String> categories) {
    }

    public record Message(UUID id, String policyId, UUID grantId, String title, String body, Instant createdAt, Instant readAt) {
    }

    @PUT
    @RolesAllowed({Roles.PLATFORM, Roles.ENTERPRISE})
    @Path("/enterprises/{uscc}/subscriptions")
    @Transactional
    @Operation(summary = "Replace the categories the enterprise subscribes to")
    public Subscriptions subscribe(@PathParam("uscc") String uscc, Subscriptions request) {
        requireEnterprise(uscc);
        Set<String> known = new TreeSet<>();
        policies.active().definitions().values().stream().map(PolicyDefinition::categories).forEach(known::addAll);
        Validation v = new Validation();
        if (request == null || request.categories() == null) {
            v.reject("categories", "订阅类别列表必填(可为空列表)").throwIfInvalid();
        }
        for (int i = 0; i < request.categories().size(); i++) {
            String category = request.categories().get(i);
            if (category == null || !known.contains(category)) {
                v.reject("categories[" + i + "]", "未知类别 " + request.categories().get(i) + ",可选 " + known);
            }
        }
        v.throwIfInvalid();
        var em = Panache.getEntityManager();
        em.createNativeQuery("delete from subscription where uscc = ?1").setParameter(1, uscc).executeUpdate();
        for (String category : new TreeSet<>(request.categories())) {
            em.createNativeQuery("insert into subscription (uscc, category) values (?1, ?2)").setParameter(1, uscc).setParameter(2, category).executeUpdate();
        }
        return subscriptions(uscc);
    }

    @GET
    @RolesAllowed({Roles.PLATFORM, Roles.ENTERPRISE})
    @Path("/enterprises/{uscc}/subscriptions")
    @Transactional
    public Subscriptions subscriptions(@PathParam("uscc") String uscc) {
        requireEnterprise(uscc);
        @SuppressWarnings("unchecked")
        List<String> categories = Panache.getEntityManager().createNativeQuery("select category from subscription where uscc = ?1 order by category")
                .setParameter(1, uscc).getResultList();
        return new Subscriptions(categories);
    }

    @GET
    @RolesAllowed({Roles.PLATFORM, Roles.ENTERPRISE})
    @Path("/enterprises/{uscc}/inbox")
    @Transactional
    @Operation(summary = "The enterprise's messages, newest first")
    public List<Message> inbox(@PathParam("uscc") String uscc) {
        requireEnterprise(uscc);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery(
                        "select id, policy_id, grant_id, title, body, created_at, read_at from inbox_message where uscc = ?1 order by created_at desc, id")
                .setParameter(1, uscc).getResultList();
        return rows.stream().map(r -> new Message((UUID) r[0], (String) r[1], (UUID) r[2], (String) r[3], (String) r[4],
                SqlValues.instant(r[5]), SqlValues.instant(r[6]))).toList();
    }

    @POST
    @RolesAllowed({Roles.PLATFORM, Roles.ENTERPRISE})
    @Path("/enterprises/{uscc}/inbox/{id}/read")
    @Transactional
    @Operation(summary = "Mark a message read")
    public Message read(@PathParam("uscc") String uscc, @PathParam("id") String id) {
        requireEnterprise(uscc);
        UUID messageId = GrantResource.uuid(id, "messageId");
        int updated = Panache.getEntityManager().createNativeQuery(
                        "update inbox_message set read_at = coalesce(read_at, ?1) where id = ?2 and uscc = ?3")
                .setParameter(1, Timestamp.from(clock.instant())).setParameter(2, messageId).setParameter(3, uscc).executeUpdate();
        if (updated == 0) {
            if (!Panache.getEntityManager().createNativeQuery("select 1 from inbox_message where id = ?1").setParameter(1, messageId).getResultList().isEmpty()) {
                // another enterprise's message (reachable through the portal, whose path names no enterprise): 403 as everywhere
                throw new io.quarkus.security.ForbiddenException("message of another enterprise");
            }
            throw ApiProblem.notFound("messageId", "消息 " + id + " 不存在");
        }
        return inbox(uscc).stream().filter(m -> m.id().equals(messageId)).findFirst().orElseThrow();
    }

    public record AnnouncementRequest(java.time.LocalDate asOf) {
    }

    public record AnnouncementResult(java.time.LocalDate asOf, int messages) {
    }

    @POST
    @RolesAllowed({Roles.PLATFORM, Roles.POLICY_STAFF})
    @Path("/inbox/announcements")
    @Transactional
    @Operation(summary = "Tell subscribers about every policy in force on asOf in their categories (once per policy and enterprise)")
    public AnnouncementResult announce(AnnouncementRequest request) {
        if (request == null || request.asOf() == null) {
            throw ApiProblem.invalid("asOf", "日期必填(YYYY-MM-DD)");
        }
        int sent = 0;
        for (PolicyDefinition p : policies.active().definitions().values()) {
            if (!p.effectiveOn(request.asOf())) {
                continue;
            }
            @SuppressWarnings("unchecked")
            List<String> subscribers = Panache.getEntityManager().createNativeQuery(
                            "select distinct uscc from subscription where category in (?1) order by uscc")
                    .setParameter(1, p.categories()).getResultList();
            for (String uscc : subscribers) {
                if (inbox.send(uscc, p.id(), null, "新政策:" + p.title(),
                        p.issuer() + "发布「" + p.title() + "」(" + p.document() + "),自 " + p.effectiveFrom() + " 起施行。"
                                + ("AUTO".equals(p.delivery()) ? "符合条件的企业免申即享,无需申请。" : "申报方式:" + p.howToApply()),
                        "policy-new:" + p.id() + ":" + uscc)) {
                    sent++;
                }
            }
        }
        return new AnnouncementResult(request.asOf(), sent);
    }

    private void requireEnterprise(String uscc) {
        caller.requireAccessTo(uscc);
        if (Enterprise.findById(uscc) == null) {
            throw ApiProblem.notFound("uscc", "企业 " + uscc + " 未登记");
        }
    }

}
