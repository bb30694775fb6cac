-- Courier 0006: profiles (avatar_url next to displayname), the user directory's search terms,
-- forgotten rooms, presence and its stream. Same change in both databases (search words
-- compare bytewise: COLLATE "C" on PostgreSQL, SQLite's default BINARY).
ALTER TABLE "users" ADD COLUMN "avatar_url" TEXT;

-- One row per search word of a user (words of the user ID and display name, lowercased):
-- a prefix search is a range seek on the primary key.
CREATE TABLE "user_directory_terms" (
    "term" TEXT COLLATE "C" NOT NULL,
    "user_id" TEXT NOT NULL,
    PRIMARY KEY ("term", "user_id")
);
CREATE INDEX "user_directory_terms_user_id_idx" ON "user_directory_terms"("user_id");
INSERT INTO "user_directory_terms" ("term", "user_id")
    SELECT lower("localpart"), "user_id" FROM "users" WHERE "deactivated" = false;

-- POST /rooms/{roomId}/forget: the membership position forgotten; a later membership
-- (a re-join) has a higher position, so the room is no longer forgotten.
CREATE TABLE "forgotten_rooms" (
    "user_id" TEXT NOT NULL,
    "room_id" TEXT NOT NULL,
    "stream" BIGINT NOT NULL,
    PRIMARY KEY ("user_id", "room_id")
);

CREATE TABLE "presence" (
    "user_id" TEXT NOT NULL PRIMARY KEY,
    "state" TEXT NOT NULL,
    "status_msg" TEXT,
    "last_active_ts" BIGINT NOT NULL,
    "stream" BIGINT NOT NULL
);
CREATE INDEX "presence_stream_idx" ON "presence"("stream");
INSERT INTO "stream_positions" ("name", "position") VALUES ('presence', 0);
