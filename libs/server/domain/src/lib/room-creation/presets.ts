import type { CreateRoomRequest, RoomPreset } from './create-room-request';

/** What a preset sets (create_room.yaml's table; Synapse's handlers/room.py agrees). */
export interface PresetRules {
  joinRule: 'invite' | 'public';
  historyVisibility: 'shared';
  /**
   * Only the private presets send m.room.guest_access (`can_join`). For public_chat the
   * table says `forbidden`, which is what a room without the event means, so Synapse and
   * Dendrite send nothing; neither do we.
   */
  guestCanJoin: boolean;
  /** trusted_private_chat: "all invitees are given the same power level as the room creator". */
  inviteesAreAdmins: boolean;
}

export const PRESETS: Record<RoomPreset, PresetRules> = {
  private_chat: { joinRule: 'invite', historyVisibility: 'shared', guestCanJoin: true, inviteesAreAdmins: false },
  trusted_private_chat: { joinRule: 'invite', historyVisibility: 'shared', guestCanJoin: true, inviteesAreAdmins: true },
  public_chat: { joinRule: 'public', historyVisibility: 'shared', guestCanJoin: false, inviteesAreAdmins: false },
};

/** The explicit preset, else the one `visibility` implies (public → public_chat, otherwise private_chat). */
export function presetFor(req: CreateRoomRequest): RoomPreset {
  return req.preset ?? (req.visibility === 'public' ? 'public_chat' : 'private_chat');
}
