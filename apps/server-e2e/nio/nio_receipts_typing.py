"""Drives Courier's receipts, read markers, unread counts and typing with matrix-nio (Debian's
python3-matrix-nio): two users in one room. Run with /usr/bin/python3. Prints one JSON object
with what it saw; nio-receipts-typing.e2e.spec.ts asserts on it. Exits non-zero on failure."""
import asyncio
import json
import sys

from nio import (
    AsyncClient,
    LoginResponse,
    ReceiptEvent,
    RegisterResponse,
    RoomCreateResponse,
    RoomReadMarkersResponse,
    RoomSendResponse,
    RoomTypingResponse,
    SyncResponse,
    TypingNoticeEvent,
)


async def user(base_url: str, username: str, password: str) -> AsyncClient:
    reg_client = AsyncClient(base_url, username)
    reg = await reg_client.register(username, password, "nio-register")
    await reg_client.close()
    if not isinstance(reg, RegisterResponse):
        raise SystemExit(f"register failed: {reg}")
    client = AsyncClient(base_url, username)
    login = await client.login(password, device_name="nio-test")
    if not isinstance(login, LoginResponse):
        raise SystemExit(f"login failed: {login}")
    return client


def ephemeral(sync: SyncResponse, room_id: str) -> list:
    joined = sync.rooms.join.get(room_id)
    return list(joined.ephemeral) if joined else []


async def main(base_url: str, prefix: str, password: str) -> dict:
    out: dict = {}
    alice = await user(base_url, f"{prefix}a", password)
    bob = await user(base_url, f"{prefix}b", password)
    created = await alice.room_create(name="nio receipts", preset=None)
    if not isinstance(created, RoomCreateResponse):
        raise SystemExit(f"room_create failed: {created}")
    room_id = created.room_id
    await alice.room_invite(room_id, bob.user_id)
    await bob.join(room_id)

    sent = []
    for body in ("one", "two"):
        r = await bob.room_send(room_id, "m.room.message", {"msgtype": "m.text", "body": body})
        if not isinstance(r, RoomSendResponse):
            raise SystemExit(f"room_send failed: {r}")
        sent.append(r.event_id)

    first = await alice.sync(timeout=0, full_state=True)
    if not isinstance(first, SyncResponse):
        raise SystemExit(f"sync failed: {first}")
    unread = first.rooms.join[room_id].unread_notifications
    out["unread_before"] = [unread.notification_count, unread.highlight_count]

    bob_first = await bob.sync(timeout=0, full_state=True)
    markers = await alice.room_read_markers(room_id, sent[0], sent[1])
    out["read_markers_ok"] = isinstance(markers, RoomReadMarkersResponse)
    out["read_markers_response"] = str(markers)

    after = await alice.sync(timeout=0, full_state=True)
    unread = after.rooms.join[room_id].unread_notifications
    out["unread_after"] = [unread.notification_count, unread.highlight_count]
    account = after.rooms.join[room_id].account_data
    out["fully_read"] = [getattr(e, "event_id", None) for e in account if type(e).__name__ == "FullyReadEvent"]

    bob_sync = await bob.sync(timeout=5000, since=bob_first.next_batch)
    receipts = []
    for e in ephemeral(bob_sync, room_id):
        if isinstance(e, ReceiptEvent):
            receipts += [[r.event_id, r.receipt_type, r.user_id] for r in e.receipts]
    out["bob_receipts"] = receipts

    bob_before_typing = await bob.sync(timeout=0)
    typing = await alice.room_typing(room_id, True, 20000)
    out["typing_ok"] = isinstance(typing, RoomTypingResponse)
    out["typing_response"] = str(typing)
    bob_typing = await bob.sync(timeout=5000, since=bob_before_typing.next_batch)
    out["bob_typing"] = [e.users for e in ephemeral(bob_typing, room_id) if isinstance(e, TypingNoticeEvent)]
    await alice.room_typing(room_id, False)
    bob_stopped = await bob.sync(timeout=5000, since=bob_typing.next_batch)
    out["bob_stopped"] = [e.users for e in ephemeral(bob_stopped, room_id) if isinstance(e, TypingNoticeEvent)]

    out["alice"] = alice.user_id
    out["sent"] = sent
    await alice.close()
    await bob.close()
    return out


if __name__ == "__main__":
    result = asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3]))
    print(json.dumps(result))
