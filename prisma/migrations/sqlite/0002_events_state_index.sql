-- Courier 0002 (SQLite): the state of a room at a stream position (sync, visibility) is
-- the newest event per (type, state_key) at or below it; this index serves that lookup.
CREATE INDEX "events_room_id_type_state_key_stream_idx" ON "events"("room_id", "type", "state_key", "stream");
