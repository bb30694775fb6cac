-- Courier 0003 (SQLite): the admin stats count the events of the last minute; with this index that
-- is a range over the events it counts, not a walk over the newest events of the server.
CREATE INDEX "events_origin_server_ts_idx" ON "events"("origin_server_ts");
