-- Courier 0007 (postgres): the media repository's metadata (the bytes live in MEDIA_PATH), its
-- thumbnail cache, room aliases, and an index that lists the public rooms without a scan.
CREATE TABLE "media" (
    "media_id" TEXT NOT NULL PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "content_type" TEXT,
    "file_name" TEXT,
    "size" BIGINT,
    "sha256" TEXT,
    "created_at" BIGINT NOT NULL,
    "uploaded_at" BIGINT,
    "unused_expires_at" BIGINT
);
CREATE INDEX "media_user_id_created_at_idx" ON "media"("user_id", "created_at");

CREATE TABLE "media_thumbnails" (
    "media_id" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "method" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "created_at" BIGINT NOT NULL,
    PRIMARY KEY ("media_id", "width", "height", "method")
);

CREATE TABLE "room_aliases" (
    "alias" TEXT NOT NULL PRIMARY KEY,
    "room_id" TEXT NOT NULL,
    "creator" TEXT NOT NULL,
    "created_at" BIGINT NOT NULL
);
CREATE INDEX "room_aliases_room_id_idx" ON "room_aliases"("room_id");

CREATE INDEX "rooms_is_public_room_id_idx" ON "rooms"("is_public", "room_id");
