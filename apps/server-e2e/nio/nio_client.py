"""Drives a Courier server with matrix-nio (Debian's python3-matrix-nio), an independently
written Matrix client. Run with /usr/bin/python3. Prints one JSON object with what it saw;
the TypeScript test (nio-client.e2e.spec.ts) asserts on it. Exits non-zero on any failure."""
import asyncio
import json
import sys
import uuid

from nio import (
    AsyncClient,
    LoginResponse,
    RegisterResponse,
    RoomCreateResponse,
    RoomMessagesResponse,
    RoomSendResponse,
    SyncResponse,
)


async def main(base_url: str, username: str, password: str) -> dict:
    out: dict = {}
    reg_client = AsyncClient(base_url, username)
    reg = await reg_client.register(username, password, "nio-register")
    if not isinstance(reg, RegisterResponse):
        raise SystemExit(f"register failed: {reg}")
    out["registered"] = reg.user_id
    await reg_client.close()

    client = AsyncClient(base_url, username)
    login = await client.login(password, device_name="nio-test")
    if not isinstance(login, LoginResponse):
        raise SystemExit(f"login failed: {login}")
    out["user_id"] = login.user_id
    out["device_id"] = login.device_id

    first = await client.sync(timeout=0, full_state=True)
    if not isinstance(first, SyncResponse):
        raise SystemExit(f"sync failed: {first}")
    out["first_next_batch"] = first.next_batch

    created = await client.room_create(name="nio room", topic="made by matrix-nio")
    if not isinstance(created, RoomCreateResponse):
        raise SystemExit(f"room_create failed: {created}")
    room_id = created.room_id
    out["room_id"] = room_id

    tx_id = f"nio-{uuid.uuid4()}"
    content = {"msgtype": "m.text", "body": "hello from nio"}
    a = await client.room_send(room_id, "m.room.message", content, tx_id=tx_id)
    b = await client.room_send(room_id, "m.room.message", content, tx_id=tx_id)
    if not isinstance(a, RoomSendResponse) or not isinstance(b, RoomSendResponse):
        raise SystemExit(f"room_send failed: {a} {b}")
    out["send_a"] = a.event_id
    out["send_b"] = b.event_id

    reaction = {"m.relates_to": {"rel_type": "m.annotation", "event_id": a.event_id, "key": "👍"}}
    r = await client.room_send(room_id, "m.reaction", reaction, tx_id=f"nio-r-{uuid.uuid4()}")
    if not isinstance(r, RoomSendResponse):
        raise SystemExit(f"reaction failed: {r}")
    out["reaction"] = r.event_id
    dup = await client.room_send(room_id, "m.reaction", reaction, tx_id=f"nio-r-{uuid.uuid4()}")
    out["duplicate_reaction_errcode"] = getattr(dup, "status_code", None)

    synced = await client.sync(timeout=3000, since=first.next_batch)
    if not isinstance(synced, SyncResponse):
        raise SystemExit(f"incremental sync failed: {synced}")
    joined = synced.rooms.join.get(room_id)
    events = joined.timeline.events if joined else []
    out["sync_event_ids"] = [e.event_id for e in events]
    out["sync_txn_ids"] = {
        e.event_id: (e.source.get("unsigned") or {}).get("transaction_id") for e in events
    }

    messages = await client.room_messages(room_id, start=synced.next_batch, limit=50)
    if not isinstance(messages, RoomMessagesResponse):
        raise SystemExit(f"room_messages failed: {messages}")
    out["messages_event_ids"] = [e.event_id for e in messages.chunk]
    out["messages_bodies"] = [getattr(e, "body", None) for e in messages.chunk]
    await client.close()
    return out


if __name__ == "__main__":
    result = asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3]))
    print(json.dumps(result))
