-- A run hands out the next waitlist rank for each chunk (max(waitlist_rank) of the policy): without this
-- index that reads every grant of the policy, chunk after chunk (quadratic in the grants of a run).
create index grant_offer_waitlist_rank on grant_offer (policy_id, waitlist_rank) where waitlist_rank is not null;
