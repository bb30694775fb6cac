"""Drives Courier's media repository, aliases and room directory with matrix-nio (Debian's
python3-matrix-nio 0.20, which uses the legacy /_matrix/media/r0 paths). Run with
/usr/bin/python3 BASE_URL USER_ID ACCESS_TOKEN DEVICE_ID. Prints one JSON object with what it
saw; nio-media-directory.e2e.spec.ts asserts on it. Exits non-zero on any failure."""
import asyncio
import io
import json
import sys

from nio import (
    AsyncClient,
    RoomResolveAliasResponse,
    DownloadResponse,
    JoinResponse,
    RoomPutAliasResponse,
    RoomCreateResponse,
    RoomGetVisibilityResponse,
    ThumbnailResponse,
    UploadResponse,
)

PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c4944415408d763f8cfc0000003010100c9fe92ef0000000049454e44ae426082"
)


async def main(base_url: str, user_id: str, token: str, device_id: str) -> dict:
    out: dict = {}
    client = AsyncClient(base_url, user_id, device_id=device_id)
    client.access_token = token
    client.user_id = user_id
    try:
        up, _ = await client.upload(lambda *_: io.BytesIO(PNG_1X1), content_type="image/png", filename="dot.png", filesize=len(PNG_1X1))
        if not isinstance(up, UploadResponse):
            raise SystemExit(f"upload failed: {up}")
        out["content_uri"] = up.content_uri
        down = await client.download(mxc=up.content_uri)
        if not isinstance(down, DownloadResponse):
            raise SystemExit(f"download failed: {down}")
        out["download_equal"] = down.body == PNG_1X1
        out["download_content_type"] = down.content_type
        out["download_filename"] = down.filename
        server_name, media_id = up.content_uri[len("mxc://"):].split("/", 1)
        thumb = await client.thumbnail(server_name, media_id, 32, 32)
        out["thumbnail_ok"] = isinstance(thumb, ThumbnailResponse)
        out["thumbnail_content_type"] = thumb.content_type if isinstance(thumb, ThumbnailResponse) else str(thumb)

        created = await client.room_create(name="nio directory room")
        if not isinstance(created, RoomCreateResponse):
            raise SystemExit(f"room_create failed: {created}")
        out["room_id"] = created.room_id
        put = await client.room_put_alias("#nio-alias:e2e.local", created.room_id)
        out["put_alias_ok"] = isinstance(put, RoomPutAliasResponse)
        resolved = await client.room_resolve_alias("#nio-alias:e2e.local")
        out["resolved_room_id"] = resolved.room_id if isinstance(resolved, RoomResolveAliasResponse) else str(resolved)
        joined = await client.join("#nio-alias:e2e.local")
        out["joined_room_id"] = joined.room_id if isinstance(joined, JoinResponse) else str(joined)
        vis = await client.room_get_visibility(created.room_id)
        out["visibility"] = vis.visibility if isinstance(vis, RoomGetVisibilityResponse) else str(vis)
    finally:
        await client.close()
    return out


if __name__ == "__main__":
    result = asyncio.run(main(*sys.argv[1:5]))
    print(json.dumps(result))
