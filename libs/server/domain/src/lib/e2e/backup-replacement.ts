import type { BackupSession } from '../ports/key-backup-store';

/**
 * Whether an uploaded backup session replaces the stored one (Client-Server API, "Server-side
 * key backups"; Synapse's _should_replace_room_key): a verified session beats an unverified
 * one; between equals, the lower first_message_index (it decrypts more), then the lower
 * forwarded_count (fewer hops) wins. A tie keeps what is stored.
 */
export function shouldReplaceBackupSession(stored: BackupSession | undefined, incoming: BackupSession): boolean {
  if (!stored) return true;
  if (incoming.isVerified !== stored.isVerified) return incoming.isVerified;
  if (incoming.firstMessageIndex !== stored.firstMessageIndex) return incoming.firstMessageIndex < stored.firstMessageIndex;
  return incoming.forwardedCount < stored.forwardedCount;
}
