-- The enterprise profile for policy matching. NULL means "never supplied" (unknown), never zero.
alter table enterprise
    add column region_code                 varchar(6),
    add column park                        varchar(30),
    add column industry_code               varchar(5),
    add column established_on              date,
    add column insured_employees           integer check (insured_employees >= 0),
    add column revenue                     numeric(17, 2) check (revenue >= 0),
    add column total_assets                numeric(17, 2) check (total_assets >= 0),
    add column tax_paid                    numeric(17, 2) check (tax_paid >= 0),
    add column rd_expense                  numeric(17, 2) check (rd_expense >= 0),
    add column unemployment_insurance_paid numeric(17, 2) check (unemployment_insurance_paid >= 0),
    add column graduates_hired             integer check (graduates_hired >= 0),
    add column qualifications              jsonb,
    add column attributes                  jsonb;

-- Policies as loaded from policy-data/policies (the definition is what GET /policies returns).
create table policy (
    id          varchar(40) primary key,
    definition  jsonb       not null,
    budget      numeric(17, 2),
    active      boolean     not null,
    source_file text        not null,
    updated_at  timestamptz not null
);

create table matching_run (
    id          uuid primary key,
    policy_id   varchar(40) not null references policy (id),
    as_of       date        not null,
    state       varchar(20) not null check (state in ('RUNNING', 'DONE', 'FAILED')),
    total       integer     not null default 0,
    done        integer     not null default 0,
    eligible    integer     not null default 0,
    offered     integer     not null default 0,
    waitlisted  integer     not null default 0,
    already     integer     not null default 0,
    errors      jsonb       not null default '[]',
    ruleset_version text,
    started_at  timestamptz not null,
    finished_at timestamptz
);

-- One grant per enterprise, policy and period: the database refuses a second one.
create table grant_offer (
    id           uuid primary key,
    policy_id    varchar(40) not null references policy (id),
    uscc         varchar(18) not null references enterprise (uscc),
    period       varchar(20) not null,
    amount       numeric(17, 2) not null check (amount >= 0),
    breakdown    jsonb       not null,
    state        varchar(20) not null check (state in ('OFFERED', 'WAITLISTED', 'CONFIRMED', 'DECLINED', 'EXPIRED', 'DISBURSED')),
    waitlist_rank integer,
    confirm_by   date,
    bank_account text,
    run_id       uuid references matching_run (id),
    ruleset_version text      not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    unique (policy_id, uscc, period)
);
create index grant_offer_uscc on grant_offer (uscc);
create index grant_offer_policy_state on grant_offer (policy_id, state);

create table grant_event (
    id         bigserial primary key,
    grant_id   uuid        not null references grant_offer (id),
    from_state varchar(20),
    to_state   varchar(20) not null,
    note       text,
    at         timestamptz not null
);
create index grant_event_grant on grant_event (grant_id, id);

create table subscription (
    uscc     varchar(18) not null references enterprise (uscc),
    category text        not null,
    primary key (uscc, category)
);

create table inbox_message (
    id         uuid primary key,
    uscc       varchar(18) not null references enterprise (uscc),
    policy_id  varchar(40) references policy (id),
    grant_id   uuid references grant_offer (id),
    title      text        not null,
    body       text        not null,
    -- one message per reason: a re-run or a second concurrent run sends nothing twice
    dedupe_key text        not null unique,
    created_at timestamptz not null,
    read_at    timestamptz
);
create index inbox_message_uscc on inbox_message (uscc, created_at);

-- What an SMS gateway would drain; written in the same transaction as the inbox message.
create table outbox (
    id         bigserial primary key,
    channel    varchar(10) not null,
    uscc       varchar(18) not null,
    payload    jsonb       not null,
    created_at timestamptz not null,
    sent_at    timestamptz
);
