-- Rule sets as immutable versions: every file, its content hash, who made it and what validation said.
create table ruleset_version (
    id           bigserial primary key,
    ruleset      varchar(20) not null,
    number       integer     not null,
    version_id   text        not null unique,        -- "<ruleset>@<content hash>", recorded by every decision and match
    content_hash text        not null,
    author       text        not null,
    comment      text,
    origin       varchar(20) not null check (origin in ('REPOSITORY', 'API')),
    status       varchar(20) not null check (status in ('VALIDATED', 'REJECTED')),
    report       jsonb       not null,
    active       boolean     not null default false,
    created_at   timestamptz not null,
    validated_at timestamptz not null,
    activated_at timestamptz,
    unique (ruleset, number),
    unique (ruleset, content_hash)
);
-- Exactly one active version per rule set.
create unique index ruleset_version_one_active on ruleset_version (ruleset) where active;

create table ruleset_file (
    version_id bigint not null references ruleset_version (id),
    path       text   not null,
    content    bytea  not null,
    primary key (version_id, path)
);

-- Each activation, in order: a rollback goes back to the one before.
create table ruleset_activation (
    id         bigserial primary key,
    ruleset    varchar(20) not null,
    version_id bigint      not null references ruleset_version (id),
    actor      text        not null,
    kind       varchar(20) not null check (kind in ('ACTIVATE', 'ROLLBACK', 'BOOTSTRAP')),
    at         timestamptz not null
);

create table ruleset_audit (
    id      bigserial primary key,
    ruleset varchar(20) not null,
    number  integer,
    action  varchar(20) not null,
    actor   text        not null,
    detail  jsonb       not null,
    at      timestamptz not null
);

create table simulation (
    id          uuid primary key,
    ruleset     varchar(20) not null,
    number      integer     not null,
    against     integer     not null,
    state       varchar(20) not null check (state in ('RUNNING', 'DONE', 'FAILED')),
    total       integer     not null default 0,
    done        integer     not null default 0,
    result      jsonb,
    error       text,
    started_at  timestamptz not null,
    finished_at timestamptz
);

-- What a decision was made from (applicant credit and history, the catalogue entry), so it can be replayed exactly.
alter table acceptance_decision add column inputs jsonb;

-- Every match answered, with the rule-set version that answered it.
create table match_log (
    id              bigserial primary key,
    uscc            varchar(18) not null,
    as_of           date        not null,
    ruleset_version text        not null,
    result          jsonb       not null,
    created_at      timestamptz not null
);
create index match_log_uscc on match_log (uscc, created_at);
