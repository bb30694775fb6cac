import type { AccountDeps } from './account-deps';

/**
 * Wakes the long-polling /sync of everyone who may need to re-query these users' keys: the
 * members of their joined rooms (through the rooms they are in) and the users themselves. The
 * notifier carries it to other instances too (PostgreSQL LISTEN/NOTIFY). Call after the commit.
 */
export async function notifyDeviceListChange(deps: AccountDeps, userIds: readonly string[]): Promise<void> {
  const users = [...new Set(userIds)];
  const rooms = new Set<string>();
  for (const u of users) for (const r of await deps.e2eKeys.joinedRoomsOf(u)) rooms.add(r);
  deps.notifier.notify({ rooms: [...rooms], userIds: users });
}
