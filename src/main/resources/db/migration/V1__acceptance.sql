-- Catalogue, applicants, decisions and their obligations. Dates are calendar dates (no time zone):
-- the decision is taken on the application date.

create table service_item (
    code        varchar(40) primary key,
    name        text        not null,
    department  text        not null,
    risk_level  varchar(10) not null check (risk_level in ('LOW', 'MEDIUM', 'HIGH')),
    active      boolean     not null,
    definition  jsonb       not null,
    source_file text        not null,
    updated_at  timestamptz not null
);
create index service_item_department on service_item (department) where active;

create table enterprise (
    uscc                varchar(18) primary key,
    name                text        not null,
    tax_credit_grade    varchar(1) check (tax_credit_grade in ('A', 'B', 'M', 'C', 'D')),
    public_credit_grade varchar(1) check (public_credit_grade in ('A', 'B', 'C', 'D')),
    listings            jsonb       not null default '[]',
    credit_repaired_on  date,
    created_at          timestamptz not null,
    updated_at          timestamptz not null
);

create table acceptance_decision (
    id               uuid primary key,
    item_code        varchar(40) not null references service_item (code),
    applicant_uscc   varchar(18) not null references enterprise (uscc),
    application_date date        not null,
    mode             varchar(30) not null,
    credit_band      varchar(1)  not null,
    status           varchar(20) not null check (status in ('ACCEPTED', 'NOT_ACCEPTED', 'TERMINATED', 'REVOKED')),
    request          jsonb       not null,
    answer           jsonb       not null,
    ruleset_version  text        not null,
    created_at       timestamptz not null
);
create index acceptance_decision_applicant on acceptance_decision (applicant_uscc, application_date);

create table obligation (
    id            bigserial primary key,
    decision_id   uuid        not null references acceptance_decision (id),
    kind          varchar(20) not null check (kind in ('SUPPLEMENT', 'MATERIAL_PLEDGE', 'SITE_INSPECTION')),
    material_code varchar(20),
    due_date      date        not null,
    state         varchar(20) not null check (state in ('PENDING', 'FULFILLED', 'OVERDUE', 'VERIFIED_TRUE', 'VERIFIED_FALSE', 'CANCELLED')),
    resolved_on   date,
    unique (decision_id, kind, material_code)
);
create index obligation_pending_supplements on obligation (due_date) where state = 'PENDING' and kind = 'SUPPLEMENT';

-- History the service writes; one event of a kind per decision, so a repeated sweep adds nothing.
create table credit_event (
    id          bigserial primary key,
    uscc        varchar(18) not null references enterprise (uscc),
    kind        varchar(30) not null check (kind in ('FALSE_PLEDGE', 'OVERDUE_SUPPLEMENT')),
    occurred_on date        not null,
    decision_id uuid        not null references acceptance_decision (id),
    recorded_at timestamptz not null,
    unique (decision_id, kind)
);
create index credit_event_uscc on credit_event (uscc, occurred_on);
