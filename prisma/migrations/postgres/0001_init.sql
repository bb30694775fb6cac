-- Courier 0001: the initial schema (PostgreSQL). Mirrors prisma/schema.prisma; the SQLite
-- twin is prisma/migrations/sqlite/0001_init.sql.
CREATE TABLE "users" (
    "user_id" TEXT NOT NULL PRIMARY KEY,
    "localpart" TEXT NOT NULL,
    "password_hash" TEXT,
    "is_admin" BOOLEAN NOT NULL DEFAULT false,
    "deactivated" BOOLEAN NOT NULL DEFAULT false,
    "locked" BOOLEAN NOT NULL DEFAULT false,
    "displayname" TEXT,
    "created_at" BIGINT NOT NULL
);
CREATE UNIQUE INDEX "users_localpart_key" ON "users"("localpart");

CREATE TABLE "devices" (
    "user_id" TEXT NOT NULL,
    "device_id" TEXT NOT NULL,
    "display_name" TEXT,
    "created_at" BIGINT NOT NULL,
    "last_seen_ts" BIGINT,
    PRIMARY KEY ("user_id", "device_id")
);

CREATE TABLE "access_tokens" (
    "token_hash" TEXT NOT NULL PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "device_id" TEXT NOT NULL,
    "created_at" BIGINT NOT NULL,
    "expires_at" BIGINT
);
CREATE INDEX "access_tokens_user_id_device_id_idx" ON "access_tokens"("user_id", "device_id");

CREATE TABLE "rooms" (
    "room_id" TEXT NOT NULL PRIMARY KEY,
    "room_version" TEXT NOT NULL,
    "creator" TEXT NOT NULL,
    "created_at" BIGINT NOT NULL,
    "is_public" BOOLEAN NOT NULL DEFAULT false,
    "head_event_id" TEXT,
    "head_depth" INTEGER NOT NULL DEFAULT 0,
    "state_version" INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE "room_state" (
    "room_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "state_key" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    PRIMARY KEY ("room_id", "type", "state_key")
);

CREATE TABLE "room_members" (
    "room_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "membership" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "stream" BIGINT NOT NULL,
    PRIMARY KEY ("room_id", "user_id")
);
CREATE INDEX "room_members_user_id_membership_idx" ON "room_members"("user_id", "membership");

CREATE TABLE "events" (
    "stream" BIGINT NOT NULL PRIMARY KEY,
    "event_id" TEXT NOT NULL,
    "room_id" TEXT NOT NULL,
    "sender" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "state_key" TEXT,
    "depth" INTEGER NOT NULL,
    "origin_server_ts" BIGINT NOT NULL,
    "json" TEXT NOT NULL,
    "redacted_by" TEXT
);
CREATE UNIQUE INDEX "events_event_id_key" ON "events"("event_id");
CREATE INDEX "events_room_id_stream_idx" ON "events"("room_id", "stream");

CREATE TABLE "client_txns" (
    "user_id" TEXT NOT NULL,
    "device_id" TEXT NOT NULL,
    "room_id" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "txn_id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "created_at" BIGINT NOT NULL,
    PRIMARY KEY ("user_id", "device_id", "room_id", "event_type", "txn_id")
);
CREATE INDEX "client_txns_event_id_idx" ON "client_txns"("event_id");

CREATE TABLE "annotations" (
    "target_event_id" TEXT NOT NULL,
    "sender" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    PRIMARY KEY ("target_event_id", "sender", "event_type", "key")
);
CREATE UNIQUE INDEX "annotations_event_id_key" ON "annotations"("event_id");

CREATE TABLE "relations" (
    "event_id" TEXT NOT NULL PRIMARY KEY,
    "relates_to_id" TEXT NOT NULL,
    "rel_type" TEXT NOT NULL,
    "room_id" TEXT NOT NULL
);
CREATE INDEX "relations_relates_to_id_rel_type_idx" ON "relations"("relates_to_id", "rel_type");

CREATE TABLE "stream_positions" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "position" BIGINT NOT NULL
);
INSERT INTO "stream_positions" ("name", "position") VALUES ('events', 0), ('to_device', 0), ('account_data', 0);

CREATE TABLE "server_keys" (
    "key_id" TEXT NOT NULL PRIMARY KEY,
    "seed" TEXT NOT NULL,
    "created_at" BIGINT NOT NULL
);

CREATE TABLE "filters" (
    "user_id" TEXT NOT NULL,
    "filter_id" TEXT NOT NULL,
    "json" TEXT NOT NULL,
    PRIMARY KEY ("user_id", "filter_id")
);

CREATE TABLE "account_data" (
    "user_id" TEXT NOT NULL,
    "room_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "stream" BIGINT NOT NULL,
    PRIMARY KEY ("user_id", "room_id", "type")
);
CREATE INDEX "account_data_user_id_stream_idx" ON "account_data"("user_id", "stream");

CREATE TABLE "device_keys" (
    "user_id" TEXT NOT NULL,
    "device_id" TEXT NOT NULL,
    "json" TEXT NOT NULL,
    PRIMARY KEY ("user_id", "device_id")
);

CREATE TABLE "one_time_keys" (
    "user_id" TEXT NOT NULL,
    "device_id" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "json" TEXT NOT NULL,
    PRIMARY KEY ("user_id", "device_id", "key_id")
);
CREATE INDEX "one_time_keys_user_id_device_id_algorithm_idx" ON "one_time_keys"("user_id", "device_id", "algorithm");

CREATE TABLE "to_device_messages" (
    "stream" BIGINT NOT NULL PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "device_id" TEXT NOT NULL,
    "sender" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "created_at" BIGINT NOT NULL
);
CREATE INDEX "to_device_messages_user_id_device_id_stream_idx" ON "to_device_messages"("user_id", "device_id", "stream");

CREATE TABLE "to_device_txns" (
    "user_id" TEXT NOT NULL,
    "device_id" TEXT NOT NULL,
    "txn_id" TEXT NOT NULL,
    "created_at" BIGINT NOT NULL,
    PRIMARY KEY ("user_id", "device_id", "txn_id")
);

CREATE TABLE "service_tokens" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "created_at" BIGINT NOT NULL,
    "revoked_at" BIGINT
);
CREATE UNIQUE INDEX "service_tokens_name_key" ON "service_tokens"("name");
CREATE UNIQUE INDEX "service_tokens_token_hash_key" ON "service_tokens"("token_hash");

CREATE TABLE "uia_sessions" (
    "session_id" TEXT NOT NULL PRIMARY KEY,
    "completed" TEXT NOT NULL,
    "created_at" BIGINT NOT NULL
);

CREATE TABLE "registration_nonces" (
    "nonce" TEXT NOT NULL PRIMARY KEY,
    "created_at" BIGINT NOT NULL
);
