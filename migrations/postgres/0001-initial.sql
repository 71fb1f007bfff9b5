-- imc-bot's PostgreSQL schema, version 1: everything the bot keeps.
-- Applied once, in a transaction, by the bot at start (src/store/postgres/migrate.ts);
-- schema_migrations records it. Text columns that are compared or sorted use the C
-- collation, so the order is the same as the file store's (byte order of ISO times and ids).

-- One row per plan: the record as JSON, and the fields the bot looks plans up by.
CREATE TABLE plans (
  id          text COLLATE "C" PRIMARY KEY,
  team_id     text NOT NULL,
  channel_id  text NOT NULL,
  thread_ts   text,
  message_ts  text[],
  status      text NOT NULL,
  title       text,
  updated_at  text COLLATE "C" NOT NULL,
  -- When the next reminder is due (ISO time), for the reminder tick.
  due_at      text COLLATE "C",
  -- How many Slack messages the plan still owes (its outbox), for the outbox workers.
  queued      integer NOT NULL DEFAULT 0,
  record      jsonb NOT NULL
);
CREATE INDEX plans_by_thread ON plans (team_id, channel_id, thread_ts);
CREATE INDEX plans_by_message ON plans USING gin (message_ts);
CREATE INDEX plans_by_channel ON plans (team_id, channel_id, updated_at);
CREATE INDEX plans_due ON plans (due_at) WHERE due_at IS NOT NULL;
CREATE INDEX plans_queued ON plans (id) WHERE queued > 0;

-- Per-channel overrides of the approval settings, per workspace.
CREATE TABLE channel_settings (
  team_id     text NOT NULL,
  channel_id  text NOT NULL,
  settings    jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, channel_id)
);

-- The app's Slack installations: key is T:<team> or, for an organisation-wide install, E:<enterprise>.
CREATE TABLE installations (
  key                    text PRIMARY KEY,
  team_id                text,
  enterprise_id          text,
  is_enterprise_install  boolean NOT NULL DEFAULT false,
  installation           jsonb NOT NULL,
  updated_at             text NOT NULL
);

-- Slack event keys already handled; the most recent ones are kept.
CREATE TABLE event_claims (
  key  text PRIMARY KEY,
  seq  bigserial NOT NULL
);
CREATE INDEX event_claims_by_seq ON event_claims (seq);

-- Leases: which instance works on what (a plan's outbox, its reminders) until when.
-- A row left after its lease ran out means the work may half have happened.
CREATE TABLE leases (
  key         text PRIMARY KEY,
  token       text NOT NULL,
  expires_at  timestamptz NOT NULL,
  unfinished  boolean NOT NULL DEFAULT false
);

-- Small shared values with a time to live (deliveries handled, rate-limit holds).
CREATE TABLE shared_keys (
  key         text PRIMARY KEY,
  value       jsonb NOT NULL,
  expires_at  timestamptz NOT NULL
);
CREATE INDEX shared_keys_expiry ON shared_keys (expires_at);
