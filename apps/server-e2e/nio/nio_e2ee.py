"""matrix-nio with its olm store, in an encrypted room with a matrix-js-sdk (Rust crypto) user.
Run with /usr/bin/python3: base_url user password room_id expected_body reply_body.
Prints JSON lines: {"ready": ...} once its keys are uploaded and it has joined the room, then
{"received": ..., "sent": ...} once it decrypted `expected_body` and sent `reply_body` encrypted.
The TypeScript test (nio-js-sdk-e2ee.e2e.spec.ts) drives the other side. Exits non-zero on failure."""
import asyncio
import json
import shutil
import sys
import tempfile
import time

from nio import AsyncClient, AsyncClientConfig, JoinResponse, LoginResponse, MegolmEvent, RoomMessageText, RoomSendResponse, SyncResponse


def say(obj: dict) -> None:
    print(json.dumps(obj), flush=True)


async def housekeeping(client: AsyncClient) -> None:
    """What sync_forever does between syncs: keep keys uploaded, queried and claimed."""
    if client.should_upload_keys:
        await client.keys_upload()
    if client.should_query_keys:
        await client.keys_query()
    if client.should_claim_keys:
        await client.keys_claim(client.get_users_for_key_claiming())


async def main(base_url: str, user: str, password: str, room_id: str, expected: str, reply: str) -> None:
    store = tempfile.mkdtemp(prefix="nio-store-")
    try:
        await run(base_url, user, password, room_id, expected, reply, store)
    finally:
        shutil.rmtree(store, ignore_errors=True)


async def run(base_url: str, user: str, password: str, room_id: str, expected: str, reply: str, store: str) -> None:
    client = AsyncClient(base_url, user, store_path=store, config=AsyncClientConfig(encryption_enabled=True, store_sync_tokens=False))
    login = await client.login(password, device_name="nio-e2ee")
    if not isinstance(login, LoginResponse):
        raise SystemExit(f"login failed: {login}")
    await housekeeping(client)
    joined = await client.join(room_id)
    if not isinstance(joined, JoinResponse):
        raise SystemExit(f"join failed: {joined}")
    first = await client.sync(timeout=0, full_state=True)
    if not isinstance(first, SyncResponse):
        raise SystemExit(f"sync failed: {first}")
    await housekeeping(client)
    say({"ready": True, "user_id": login.user_id, "device_id": login.device_id})

    received = None
    undecrypted = 0
    deadline = time.monotonic() + 60
    while received is None and time.monotonic() < deadline:
        resp = await client.sync(timeout=2000)
        if not isinstance(resp, SyncResponse):
            continue
        await housekeeping(client)
        room = resp.rooms.join.get(room_id)
        for event in room.timeline.events if room else []:
            if isinstance(event, RoomMessageText) and event.body == expected:
                received = event.body
            elif isinstance(event, MegolmEvent):
                undecrypted += 1
    if received is None:
        raise SystemExit(f"never decrypted {expected!r} ({undecrypted} undecryptable events)")

    sent = await client.room_send(room_id, "m.room.message", {"msgtype": "m.text", "body": reply}, ignore_unverified_devices=True)
    if not isinstance(sent, RoomSendResponse):
        raise SystemExit(f"encrypted room_send failed: {sent}")
    say({"received": received, "sent": sent.event_id, "encrypted": client.rooms[room_id].encrypted})
    await client.close()


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:7]))
