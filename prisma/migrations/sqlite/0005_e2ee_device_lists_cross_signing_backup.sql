-- Courier 0005 (sqlite): end-to-end encryption that follows device changes (issue 14).
-- The 'device_lists' stream: a row per change of a user's devices or keys, for /sync's
-- device_lists and /keys/changes; cross-signing keys and signatures; server-side key backup.
INSERT INTO "stream_positions" ("name", "position") VALUES ('device_lists', 0);

CREATE TABLE "device_list_changes" (
    "stream" BIGINT NOT NULL PRIMARY KEY,
    "user_id" TEXT NOT NULL
);
CREATE INDEX "device_list_changes_user_id_stream_idx" ON "device_list_changes"("user_id", "stream");

CREATE TABLE "cross_signing_keys" (
    "user_id" TEXT NOT NULL,
    "key_type" TEXT NOT NULL,
    "json" TEXT NOT NULL,
    PRIMARY KEY ("user_id", "key_type")
);

CREATE TABLE "e2e_signatures" (
    "target_user_id" TEXT NOT NULL,
    "target_key_id" TEXT NOT NULL,
    "signer_user_id" TEXT NOT NULL,
    "signer_key_id" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    PRIMARY KEY ("target_user_id", "target_key_id", "signer_user_id", "signer_key_id")
);

CREATE TABLE "room_key_backup_versions" (
    "user_id" TEXT NOT NULL,
    "version" BIGINT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "auth_data" TEXT NOT NULL,
    "etag" BIGINT NOT NULL,
    "deleted" BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY ("user_id", "version")
);

CREATE TABLE "room_key_backup_sessions" (
    "user_id" TEXT NOT NULL,
    "version" BIGINT NOT NULL,
    "room_id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "first_message_index" INTEGER NOT NULL,
    "forwarded_count" INTEGER NOT NULL,
    "is_verified" BOOLEAN NOT NULL,
    "session_data" TEXT NOT NULL,
    PRIMARY KEY ("user_id", "version", "room_id", "session_id")
);
