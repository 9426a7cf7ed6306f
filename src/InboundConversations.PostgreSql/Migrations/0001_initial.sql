-- InboundConversations' schema, version 1. {schema} is replaced by the configured schema's quoted name.
-- Enum columns hold the numeric values of the library's enums; ids are text in the "C" collation, so they sort
-- as the in-memory adapters sort them (ordinal).

create table {schema}.conversations (
    workspace        text collate "C" not null,
    id               uuid not null,
    contact          text collate "C" not null,
    channel          text collate "C" not null,
    source           smallint not null,
    opened_by_kind   smallint not null,
    opened_by_id     text,
    opened_at        timestamptz not null,
    state            smallint not null,
    team             text collate "C",
    assignee         text collate "C",
    queued_at        timestamptz,
    -- Arrival order in the team's queue: taken from queue_order when the conversation enters Queued.
    queued_order     bigint,
    closed_by_kind   smallint,
    closed_by_id     text,
    closed_at        timestamptz,
    close_category   text,
    close_notes      text,
    version          bigint not null,
    -- The number of messages recorded: the next message's sequence is one more.
    message_count    bigint not null default 0,
    -- The order conversations were opened in (a contact's history lists oldest first).
    opened_order     bigint generated always as identity,
    primary key (workspace, id)
);

-- Guarantee 1: a contact has at most one open conversation (state 5 is Closed).
create unique index conversations_one_open_per_contact on {schema}.conversations (workspace, contact) where state <> 5;

-- A contact's history. Contact first, not workspace: an index led by workspace alone can be picked (in a plan made
-- while the table was empty, as the foreign keys' checks are) for a look-up by (workspace, id), then scan the workspace.
create index conversations_by_contact on {schema}.conversations (contact, workspace);

-- A team's queue, in arrival order (state 2 is Queued).
create index conversations_queued on {schema}.conversations (workspace, team, queued_order) where state = 2;

create sequence {schema}.queue_order;

create table {schema}.messages (
    workspace        text collate "C" not null,
    conversation_id  uuid not null,
    sequence         bigint not null,
    id               uuid not null,
    contact          text collate "C" not null,
    direction        smallint not null,
    channel          text collate "C" not null,
    external_id      text collate "C",
    author_kind      smallint not null,
    author_id        text,
    content          text not null,
    sent_at          timestamptz not null,
    recorded_at      timestamptz not null,
    primary key (workspace, conversation_id, sequence),
    foreign key (workspace, conversation_id) references {schema}.conversations (workspace, id)
);

-- Guarantee 2: an inbound message is recorded at most once per (workspace, channel, external id) (direction 1 is Inbound).
create unique index messages_seen on {schema}.messages (workspace, channel, external_id) where direction = 1 and external_id is not null;

create table {schema}.workflow_runs (
    workspace         text collate "C" not null,
    conversation_id   uuid not null,
    status            smallint not null,
    created_at        timestamptz not null,
    facts             jsonb not null,
    team              text collate "C",
    agent             text collate "C",
    steps             jsonb not null,
    attempts          integer not null,
    claim_expires_at  timestamptz,
    ended_at          timestamptz,
    version           bigint not null,
    primary key (workspace, conversation_id),
    foreign key (workspace, conversation_id) references {schema}.conversations (workspace, id)
);

-- The runs a restarted engine resumes or reconciles: pending (1), running (2), queued (3); oldest first, ties by
-- conversation id (as the in-memory store breaks them).
create index workflow_runs_unfinished on {schema}.workflow_runs (created_at, conversation_id) where status in (1, 2, 3);

create table {schema}.contacts (
    workspace  text collate "C" not null,
    id         text collate "C" not null,
    fields     jsonb not null,
    tags       jsonb not null,
    primary key (workspace, id)
);

create table {schema}.agents (
    workspace           text collate "C" not null,
    id                  text collate "C" not null,
    capacity            integer not null check (capacity >= 1),
    presence            smallint not null,
    open_conversations  integer not null check (open_conversations >= 0),
    last_assigned_at    timestamptz,
    primary key (workspace, id)
);

-- An agent's teams, in the order they were registered.
create table {schema}.agent_teams (
    workspace  text collate "C" not null,
    team       text collate "C" not null,
    agent      text collate "C" not null,
    position   integer not null,
    primary key (workspace, team, agent),
    foreign key (workspace, agent) references {schema}.agents (workspace, id) on delete cascade
);

create index agent_teams_by_agent on {schema}.agent_teams (workspace, agent, position);

-- One row per team that has been picked from: round robin's cursor (reservations take turns under a per-workspace advisory lock).
create table {schema}.teams (
    workspace   text collate "C" not null,
    team        text collate "C" not null,
    last_agent  text collate "C",
    primary key (workspace, team)
);
