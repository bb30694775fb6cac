-- Courier 0009 (PostgreSQL): reading around an event (/relations, /threads, bundled aggregations).
-- A relation row now carries its event's stream position, sender and type, written by the
-- event writers in the same statement as the event, so a page of an event's relations, its
-- latest edit and a thread's summary are index seeks, never a walk over the room.
ALTER TABLE "relations" ADD COLUMN "stream" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "relations" ADD COLUMN "sender" TEXT NOT NULL DEFAULT '';
ALTER TABLE "relations" ADD COLUMN "type" TEXT NOT NULL DEFAULT '';
UPDATE "relations" r SET "stream" = e."stream", "sender" = e."sender", "type" = e."type"
  FROM "events" e WHERE e."event_id" = r."event_id";
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
CREATE FUNCTION "courier_relations_thread_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "threads" ("thread_id", "room_id", "latest_event_id", "latest_stream", "count")
    VALUES (NEW."relates_to_id", NEW."room_id", NEW."event_id", NEW."stream", 1)
    ON CONFLICT ("thread_id") DO UPDATE SET
      "count" = "threads"."count" + 1,
      "latest_event_id" = CASE WHEN excluded."latest_stream" > "threads"."latest_stream" THEN excluded."latest_event_id" ELSE "threads"."latest_event_id" END,
      "latest_stream" = greatest("threads"."latest_stream", excluded."latest_stream");
  INSERT INTO "thread_participants" ("thread_id", "user_id", "room_id") VALUES (NEW."relates_to_id", NEW."sender", NEW."room_id")
    ON CONFLICT DO NOTHING;
  INSERT INTO "thread_participants" ("thread_id", "user_id", "room_id")
    SELECT NEW."relates_to_id", e."sender", NEW."room_id" FROM "events" e WHERE e."event_id" = NEW."relates_to_id"
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE FUNCTION "courier_relations_thread_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  newest RECORD;
BEGIN
  SELECT r."event_id", r."stream" INTO newest FROM "relations" r
    WHERE r."relates_to_id" = OLD."relates_to_id" AND r."rel_type" = 'm.thread' ORDER BY r."stream" DESC LIMIT 1;
  IF NOT FOUND THEN
    DELETE FROM "thread_participants" WHERE "thread_id" = OLD."relates_to_id";
    DELETE FROM "threads" WHERE "thread_id" = OLD."relates_to_id";
    RETURN NULL;
  END IF;
  UPDATE "threads" SET "count" = "count" - 1, "latest_event_id" = newest."event_id", "latest_stream" = newest."stream"
    WHERE "thread_id" = OLD."relates_to_id";
  DELETE FROM "thread_participants" WHERE "thread_id" = OLD."relates_to_id" AND "user_id" = OLD."sender"
    AND NOT EXISTS (SELECT 1 FROM "relations" r WHERE r."relates_to_id" = OLD."relates_to_id" AND r."rel_type" = 'm.thread' AND r."sender" = OLD."sender")
    AND NOT EXISTS (SELECT 1 FROM "events" e WHERE e."event_id" = OLD."relates_to_id" AND e."sender" = OLD."sender");
  RETURN NULL;
END $$;

CREATE TRIGGER "relations_thread_insert" AFTER INSERT ON "relations"
  FOR EACH ROW WHEN (NEW."rel_type" = 'm.thread') EXECUTE FUNCTION "courier_relations_thread_insert"();
CREATE TRIGGER "relations_thread_delete" AFTER DELETE ON "relations"
  FOR EACH ROW WHEN (OLD."rel_type" = 'm.thread') EXECUTE FUNCTION "courier_relations_thread_delete"();

-- Threads that already exist.
INSERT INTO "threads" ("thread_id", "room_id", "latest_event_id", "latest_stream", "count")
  SELECT DISTINCT ON (r."relates_to_id") r."relates_to_id", r."room_id", r."event_id", r."stream",
    count(*) OVER (PARTITION BY r."relates_to_id")
  FROM "relations" r WHERE r."rel_type" = 'm.thread' ORDER BY r."relates_to_id", r."stream" DESC;
INSERT INTO "thread_participants" ("thread_id", "user_id", "room_id")
  SELECT r."relates_to_id", r."sender", r."room_id" FROM "relations" r WHERE r."rel_type" = 'm.thread' AND r."sender" <> ''
  UNION SELECT t."thread_id", e."sender", t."room_id" FROM "threads" t JOIN "events" e ON e."event_id" = t."thread_id";

-- Server-side search (POST /search): the searchable text of each event (content.body of
-- m.room.message, content.name of m.room.name, content.topic of m.room.topic) as a tsvector
-- with a GIN index, keyed by the event's stream position. Triggers keep it in the writer's
-- statement; a redaction deletes the row.
CREATE TABLE "event_search" (
    "stream" BIGINT NOT NULL PRIMARY KEY,
    "room_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "vector" tsvector NOT NULL
);
CREATE INDEX "event_search_vector_idx" ON "event_search" USING GIN ("vector");

CREATE FUNCTION "courier_event_search_text"(event_type TEXT, event_json TEXT, OUT search_key TEXT, OUT search_value TEXT)
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  field TEXT := CASE event_type WHEN 'm.room.message' THEN 'body' WHEN 'm.room.name' THEN 'name' WHEN 'm.room.topic' THEN 'topic' END;
  content json;
BEGIN
  IF field IS NULL THEN RETURN; END IF;
  content := event_json::json -> 'content';
  IF json_typeof(content -> field) IS DISTINCT FROM 'string' THEN RETURN; END IF;
  search_key := 'content.' || field;
  search_value := content ->> field;
EXCEPTION WHEN data_exception THEN
  -- Text PostgreSQL cannot hold (an escaped NUL): not searchable, and never a failed send.
  search_key := NULL;
  search_value := NULL;
END $$;

CREATE FUNCTION "courier_events_search_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  t RECORD;
BEGIN
  t := "courier_event_search_text"(NEW."type", NEW."json");
  IF t.search_value IS NOT NULL THEN
    INSERT INTO "event_search" ("stream", "room_id", "key", "vector")
      VALUES (NEW."stream", NEW."room_id", t.search_key, to_tsvector('english', t.search_value));
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION "courier_events_search_redact"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "event_search" WHERE "stream" = NEW."stream";
  RETURN NULL;
END $$;

CREATE TRIGGER "events_search_insert" AFTER INSERT ON "events"
  FOR EACH ROW WHEN (NEW."type" IN ('m.room.message', 'm.room.name', 'm.room.topic') AND NEW."redacted_by" IS NULL)
  EXECUTE FUNCTION "courier_events_search_insert"();
CREATE TRIGGER "events_search_redact" AFTER UPDATE OF "redacted_by" ON "events"
  FOR EACH ROW WHEN (NEW."redacted_by" IS NOT NULL AND OLD."redacted_by" IS NULL)
  EXECUTE FUNCTION "courier_events_search_redact"();

-- Events that already exist.
INSERT INTO "event_search" ("stream", "room_id", "key", "vector")
  SELECT e."stream", e."room_id", t.search_key, to_tsvector('english', t.search_value)
  FROM "events" e, LATERAL "courier_event_search_text"(e."type", e."json") t
  WHERE e."type" IN ('m.room.message', 'm.room.name', 'm.room.topic') AND e."redacted_by" IS NULL AND t.search_value IS NOT NULL;
