-- Read receipts (m.read, m.read.private): the newest one per (room, type, user, thread).
-- "thread_id" is '' for an unthreaded receipt. "event_stream" is the receipt's event's position in
-- the room, so a receipt never moves backwards; "stream" is the position in the 'receipts' stream
-- that /sync pages on.
CREATE TABLE "receipts" (
    "room_id" TEXT NOT NULL,
    "receipt_type" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "thread_id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "event_stream" BIGINT NOT NULL,
    "ts" BIGINT NOT NULL,
    "stream" BIGINT NOT NULL,
    PRIMARY KEY ("room_id", "receipt_type", "user_id", "thread_id")
);
CREATE INDEX "receipts_room_id_stream_idx" ON "receipts"("room_id", "stream");
CREATE INDEX "receipts_user_id_room_id_idx" ON "receipts"("user_id", "room_id");

INSERT INTO "stream_positions" ("name", "position") VALUES ('receipts', 0);
