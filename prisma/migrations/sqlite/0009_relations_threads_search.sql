-- Courier 0009 (SQLite): reading around an event (/relations, /threads, bundled aggregations).
-- A relation row now carries its event's stream position, sender and type, written by the
-- event writers in the same statement as the event, so a page of an event's relations, its
-- latest edit and a thread's summary are index seeks, never a walk over the room.
ALTER TABLE "relations" ADD COLUMN "stream" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "relations" ADD COLUMN "sender" TEXT NOT NULL DEFAULT '';
ALTER TABLE "relations" ADD COLUMN "type" TEXT NOT NULL DEFAULT '';
UPDATE "relations" SET
  "stream" = (SELECT e."stream" FROM "events" e WHERE e."event_id" = "relations"."event_id"),
  "sender" = (SELECT e."sender" FROM "events" e WHERE e."event_id" = "relations"."event_id"),
  "type" = (SELECT e."type" FROM "events" e WHERE e."event_id" = "relations"."event_id")
WHERE EXISTS (SELECT 1 FROM "events" e WHERE e."event_id" = "relations"."event_id");
DROP INDEX "relations_relates_to_id_rel_type_idx";
CREATE INDEX "relations_relates_to_id_stream_idx" ON "relations"("relates_to_id", "stream");
CREATE INDEX "relations_relates_to_id_rel_type_stream_idx" ON "relations"("relates_to_id", "rel_type", "stream");
CREATE INDEX "relations_relates_to_id_rel_type_sender_stream_idx" ON "relations"("relates_to_id", "rel_type", "sender", "stream");

-- One row per thread root: its newest reply and reply count (/threads, m.thread aggregation).
CREATE TABLE "threads" (
    "thread_id" TEXT NOT NULL PRIMARY KEY,
    "room_id" TEXT NOT NULL,
    "latest_event_id" TEXT NOT NULL,
    "latest_stream" BIGINT NOT NULL,
    "count" INTEGER NOT NULL
);
CREATE INDEX "threads_room_id_latest_stream_idx" ON "threads"("room_id", "latest_stream");

-- Who took part in a thread: the root's sender and every reply's sender.
CREATE TABLE "thread_participants" (
    "thread_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "room_id" TEXT NOT NULL,
    PRIMARY KEY ("thread_id", "user_id")
);
CREATE INDEX "thread_participants_room_id_user_id_idx" ON "thread_participants"("room_id", "user_id");

-- Both tables follow the relations table, whichever writer inserts or deletes (a redaction
-- deletes the redacted event's relation row), in the same transaction.
CREATE TRIGGER "relations_thread_insert" AFTER INSERT ON "relations" WHEN NEW."rel_type" = 'm.thread'
BEGIN
  INSERT INTO "threads" ("thread_id", "room_id", "latest_event_id", "latest_stream", "count")
    VALUES (NEW."relates_to_id", NEW."room_id", NEW."event_id", NEW."stream", 1)
    ON CONFLICT ("thread_id") DO UPDATE SET
      "count" = "threads"."count" + 1,
      "latest_event_id" = CASE WHEN excluded."latest_stream" > "threads"."latest_stream" THEN excluded."latest_event_id" ELSE "threads"."latest_event_id" END,
      "latest_stream" = max("threads"."latest_stream", excluded."latest_stream");
  INSERT INTO "thread_participants" ("thread_id", "user_id", "room_id") VALUES (NEW."relates_to_id", NEW."sender", NEW."room_id")
    ON CONFLICT DO NOTHING;
  INSERT INTO "thread_participants" ("thread_id", "user_id", "room_id")
    SELECT NEW."relates_to_id", e."sender", NEW."room_id" FROM "events" e WHERE e."event_id" = NEW."relates_to_id"
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER "relations_thread_delete" AFTER DELETE ON "relations" WHEN OLD."rel_type" = 'm.thread'
BEGIN
  UPDATE "threads" SET
    "count" = "count" - 1,
    "latest_event_id" = coalesce((SELECT r."event_id" FROM "relations" r WHERE r."relates_to_id" = OLD."relates_to_id" AND r."rel_type" = 'm.thread' ORDER BY r."stream" DESC LIMIT 1), "latest_event_id"),
    "latest_stream" = coalesce((SELECT r."stream" FROM "relations" r WHERE r."relates_to_id" = OLD."relates_to_id" AND r."rel_type" = 'm.thread' ORDER BY r."stream" DESC LIMIT 1), "latest_stream")
  WHERE "thread_id" = OLD."relates_to_id";
  DELETE FROM "thread_participants" WHERE "thread_id" = OLD."relates_to_id" AND "user_id" = OLD."sender"
    AND NOT EXISTS (SELECT 1 FROM "relations" r WHERE r."relates_to_id" = OLD."relates_to_id" AND r."rel_type" = 'm.thread' AND r."sender" = OLD."sender")
    AND NOT EXISTS (SELECT 1 FROM "events" e WHERE e."event_id" = OLD."relates_to_id" AND e."sender" = OLD."sender");
  DELETE FROM "thread_participants" WHERE "thread_id" = OLD."relates_to_id"
    AND EXISTS (SELECT 1 FROM "threads" t WHERE t."thread_id" = OLD."relates_to_id" AND t."count" <= 0);
  DELETE FROM "threads" WHERE "thread_id" = OLD."relates_to_id" AND "count" <= 0;
END;

-- Threads that already exist.
INSERT INTO "threads" ("thread_id", "room_id", "latest_event_id", "latest_stream", "count")
  SELECT r."relates_to_id", r."room_id",
    (SELECT r2."event_id" FROM "relations" r2 WHERE r2."relates_to_id" = r."relates_to_id" AND r2."rel_type" = 'm.thread' ORDER BY r2."stream" DESC LIMIT 1),
    max(r."stream"), count(*)
  FROM "relations" r WHERE r."rel_type" = 'm.thread' GROUP BY r."relates_to_id", r."room_id";
INSERT INTO "thread_participants" ("thread_id", "user_id", "room_id")
  SELECT DISTINCT r."relates_to_id", r."sender", r."room_id" FROM "relations" r WHERE r."rel_type" = 'm.thread' AND r."sender" <> ''
  UNION SELECT t."thread_id", e."sender", t."room_id" FROM "threads" t JOIN "events" e ON e."event_id" = t."thread_id";

-- Server-side search (POST /search): the searchable text of each event (content.body of
-- m.room.message, content.name of m.room.name, content.topic of m.room.topic) in an FTS5 index
-- whose rowid is the event's stream position. Triggers keep it in the writer's transaction;
-- a redaction deletes the row.
CREATE VIRTUAL TABLE "event_search" USING fts5("value", "key" UNINDEXED, "room_id" UNINDEXED, tokenize = 'porter unicode61');

CREATE TRIGGER "events_search_body" AFTER INSERT ON "events"
  WHEN NEW."type" = 'm.room.message' AND NEW."redacted_by" IS NULL AND json_type(NEW."json", '$.content.body') = 'text'
BEGIN
  INSERT INTO "event_search" ("rowid", "value", "key", "room_id") VALUES (NEW."stream", json_extract(NEW."json", '$.content.body'), 'content.body', NEW."room_id");
END;
CREATE TRIGGER "events_search_name" AFTER INSERT ON "events"
  WHEN NEW."type" = 'm.room.name' AND NEW."redacted_by" IS NULL AND json_type(NEW."json", '$.content.name') = 'text'
BEGIN
  INSERT INTO "event_search" ("rowid", "value", "key", "room_id") VALUES (NEW."stream", json_extract(NEW."json", '$.content.name'), 'content.name', NEW."room_id");
END;
CREATE TRIGGER "events_search_topic" AFTER INSERT ON "events"
  WHEN NEW."type" = 'm.room.topic' AND NEW."redacted_by" IS NULL AND json_type(NEW."json", '$.content.topic') = 'text'
BEGIN
  INSERT INTO "event_search" ("rowid", "value", "key", "room_id") VALUES (NEW."stream", json_extract(NEW."json", '$.content.topic'), 'content.topic', NEW."room_id");
END;
CREATE TRIGGER "events_search_redact" AFTER UPDATE OF "redacted_by" ON "events" WHEN NEW."redacted_by" IS NOT NULL
BEGIN
  DELETE FROM "event_search" WHERE "rowid" = NEW."stream";
END;

-- Events that already exist.
INSERT INTO "event_search" ("rowid", "value", "key", "room_id")
  SELECT e."stream", json_extract(e."json", '$.content.body'), 'content.body', e."room_id" FROM "events" e
  WHERE e."type" = 'm.room.message' AND e."redacted_by" IS NULL AND json_type(e."json", '$.content.body') = 'text'
  UNION ALL
  SELECT e."stream", json_extract(e."json", '$.content.name'), 'content.name', e."room_id" FROM "events" e
  WHERE e."type" = 'm.room.name' AND e."redacted_by" IS NULL AND json_type(e."json", '$.content.name') = 'text'
  UNION ALL
  SELECT e."stream", json_extract(e."json", '$.content.topic'), 'content.topic', e."room_id" FROM "events" e
  WHERE e."type" = 'm.room.topic' AND e."redacted_by" IS NULL AND json_type(e."json", '$.content.topic') = 'text';
