-- InboundConversations' schema, version 3: durable timers. {schema} is replaced by the configured schema's quoted name.
--
-- A conversation's timers live on its row, so every write of the conversation stores them in the same statement:
-- timers is an object keyed by the timer kind's number ({"2": {"dueAt": "…", "armedAt": "…"}}: 1 QueueTimeout,
-- 2 AutoClose, 3 SnoozeEnd), at most one timer per kind. next_due_at is the earliest dueAt (null when none is armed,
-- or the conversation is closed), written with timers by every statement; timer_claimed_until is the lease of the
-- background pass that claimed the conversation's due timers, cleared by every write of the conversation.
-- State 6 (Snoozed) is open like states 1 to 4: every index and statement tells open from closed by state <> 5.

alter table {schema}.conversations
    add column timers jsonb not null default '{}',
    add column next_due_at timestamptz,
    add column timer_claimed_until timestamptz;

-- The claim reads the open conversations due now, earliest first, and none of the others.
create index conversations_due on {schema}.conversations (next_due_at) where state <> 5 and next_due_at is not null;
