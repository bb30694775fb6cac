import { invalidParam, missingParam } from '@courier/shared-matrix-errors';
import { directoryWords, type JsonObject, type Requester } from '@courier/server-domain';
import type { AccountDeps } from './account-deps';

const DEFAULT_LIMIT = 10;
/** Synapse caps nothing; a bound keeps one search cheap. */
const MAX_LIMIT = 50;

/**
 * POST /user_directory/search (users.yaml): users sharing a joined room with the searcher, or
 * joined to a public room, whose user ID or display name has a word starting with each word of
 * `search_term` (case-insensitive). Up to `limit` (default 10); `limited` says more matched.
 */
export async function searchUserDirectory(deps: AccountDeps, requester: Requester, body: Record<string, unknown>): Promise<JsonObject> {
  const term = body['search_term'];
  if (term === undefined) throw missingParam('search_term is required');
  if (typeof term !== 'string') throw invalidParam('search_term must be a string');
  const rawLimit = body['limit'] ?? DEFAULT_LIMIT;
  if (typeof rawLimit !== 'number' || !Number.isInteger(rawLimit) || rawLimit < 0) throw invalidParam('limit must be a non-negative integer');
  const words = directoryWords(term.slice(0, 1000));
  const { results, limited } = await deps.profiles.searchDirectory(requester.userId, words, Math.min(rawLimit, MAX_LIMIT));
  return {
    limited,
    results: results.map((u) => ({
      user_id: u.userId,
      ...(u.displayname !== null ? { display_name: u.displayname } : {}),
      ...(u.avatarUrl !== null ? { avatar_url: u.avatarUrl } : {}),
    })),
  };
}
