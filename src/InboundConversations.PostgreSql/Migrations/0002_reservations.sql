-- InboundConversations' schema, version 2: agent reservations keyed by conversation. {schema} is replaced by the
-- configured schema's quoted name.
--
-- An agent holds one row per conversation they hold a unit of capacity for. agents.open_conversations stays, as the
-- count of the agent's rows: every statement that inserts or deletes a row changes it in the same statement, under the
-- agent's row lock, so the two never disagree (the pick reads the column, not a count).
--
-- No foreign key to conversations: a reservation is taken before its assignment is written, and is what the engine's
-- background pass reconciles against the conversation, which may have moved on or closed meanwhile.

create table {schema}.reservations (
    workspace             text collate "C" not null,
    agent                 text collate "C" not null,
    conversation_id       uuid not null,
    -- The conversation's version the reservation was (last) taken for: a release gives it back only below its own.
    conversation_version  bigint not null,
    -- When it was (last) taken: taking it again renews it; a stale release gives it back only if unchanged since listed.
    reserved_at           timestamptz not null,
    primary key (workspace, agent, conversation_id),
    foreign key (workspace, agent) references {schema}.agents (workspace, id) on delete cascade
);

-- Who holds a conversation's reservation.
create index reservations_by_conversation on {schema}.reservations (workspace, conversation_id);

-- A version 1 schema counted units without saying what they were held for, so a counter has no rows to release by
-- key: left as it is, every unit it holds would stay taken for good (a close gives back a row, and there is none), and
-- reset to 0 it would let agents take conversations beyond their capacity while they still own the assigned ones.
-- Neither is safe. What a unit was for is still written down, though: a conversation assigned to the agent (state 3).
-- So each open assigned conversation becomes its agent's reservation, at the version it is stored at (a close or a
-- reassignment stores a later one, so it releases the row), taken now; then every counter is set to its agent's rows.
-- A unit no assigned conversation accounts for (left by a crash between a reservation and the assignment's write, or a
-- reservation whose assignment was being written as this runs) is dropped: it was a leak in version 1, which had no
-- way to give it back. Stop the processes running a version 1 package before migrating: they count without rows.
insert into {schema}.reservations (workspace, agent, conversation_id, conversation_version, reserved_at)
select c.workspace, c.assignee, c.id, c.version, now()
from {schema}.conversations c
join {schema}.agents a on a.workspace = c.workspace and a.id = c.assignee
where c.state = 3;

update {schema}.agents a
set open_conversations = (select count(*) from {schema}.reservations r where r.workspace = a.workspace and r.agent = a.id);
