"""Drives Courier's profile, presence and forget endpoints with matrix-nio (Debian's
python3-matrix-nio). Run with /usr/bin/python3 BASE_URL PREFIX PASSWORD. Prints one JSON object
with what it saw; nio-profiles.e2e.spec.ts asserts on it. Exits non-zero on any failure."""
import asyncio
import json
import sys

from nio import (
    AsyncClient,
    JoinResponse,
    LoginResponse,
    ProfileGetAvatarResponse,
    ProfileGetDisplayNameResponse,
    ProfileGetResponse,
    ProfileSetAvatarResponse,
    ProfileSetDisplayNameResponse,
    PresenceGetResponse,
    PresenceSetResponse,
    RegisterResponse,
    RoomCreateResponse,
    RoomForgetResponse,
    RoomLeaveResponse,
    RoomPreset,
    SyncResponse,
)


def expect(resp, kind, what):
    if not isinstance(resp, kind):
        raise SystemExit(f"{what} failed: {resp}")
    return resp


async def connect(base_url: str, username: str, password: str) -> AsyncClient:
    reg_client = AsyncClient(base_url, username)
    expect(await reg_client.register(username, password, "nio-register"), RegisterResponse, "register")
    await reg_client.close()
    client = AsyncClient(base_url, username)
    expect(await client.login(password, device_name="nio-profiles"), LoginResponse, "login")
    return client


async def main(base_url: str, prefix: str, password: str) -> dict:
    out: dict = {}
    alice = await connect(base_url, f"{prefix}alice", password)
    bob = await connect(base_url, f"{prefix}bob", password)
    out["alice"] = alice.user_id

    first_name = expect(await bob.get_displayname(alice.user_id), ProfileGetDisplayNameResponse, "get_displayname")
    out["initial_displayname"] = first_name.displayname

    room = expect(
        await alice.room_create(name="nio profiles", preset=RoomPreset.public_chat), RoomCreateResponse, "room_create"
    ).room_id
    expect(await bob.join(room), JoinResponse, "join")
    bob_first = expect(await bob.sync(timeout=0, full_state=True), SyncResponse, "sync")

    expect(await alice.set_displayname("Alice Nio"), ProfileSetDisplayNameResponse, "set_displayname")
    expect(await alice.set_avatar("mxc://e2e.local/nioavatar"), ProfileSetAvatarResponse, "set_avatar")
    profile = expect(await bob.get_profile(alice.user_id), ProfileGetResponse, "get_profile")
    out["profile"] = {"displayname": profile.displayname, "avatar_url": profile.avatar_url}
    avatar = expect(await bob.get_avatar(alice.user_id), ProfileGetAvatarResponse, "get_avatar")
    out["avatar_url"] = avatar.avatar_url

    expect(await alice.set_presence("unavailable", "away from nio"), PresenceSetResponse, "set_presence")
    got = expect(await bob.get_presence(alice.user_id), PresenceGetResponse, "get_presence")
    out["presence"] = {"presence": got.presence, "status_msg": got.status_msg}

    bob_next = expect(await bob.sync(timeout=3000, since=bob_first.next_batch), SyncResponse, "incremental sync")
    out["sync_presence"] = [
        {"user_id": p.user_id, "presence": p.presence, "status_msg": p.status_msg} for p in bob_next.presence_events
    ]
    joined = bob_next.rooms.join.get(room)
    members = [e for e in (joined.timeline.events if joined else []) if getattr(e, "state_key", None) == alice.user_id]
    out["member_events"] = [e.source.get("content") for e in members]
    # nio's own room model follows the member events.
    out["nio_room_name_of_alice"] = bob.rooms[room].user_name(alice.user_id) if room in bob.rooms else None

    expect(await bob.room_leave(room), RoomLeaveResponse, "room_leave")
    expect(await bob.room_forget(room), RoomForgetResponse, "room_forget")
    after = expect(
        await bob.sync(timeout=0, full_state=True, sync_filter={"room": {"include_leave": True}}),
        SyncResponse,
        "sync after forget",
    )
    out["leave_rooms_after_forget"] = list(after.rooms.leave.keys())
    await alice.close()
    await bob.close()
    return out


if __name__ == "__main__":
    result = asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3]))
    print(json.dumps(result))
