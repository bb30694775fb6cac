import { parseArgs } from 'node:util';
import { SERVICE_SCOPES, createServiceToken } from '@courier/server-domain';
import type { Config } from '@courier/server-util-config';
import { withDataAccess } from './with-data-access';

export const CREATE_SERVICE_TOKEN_USAGE = `  create-service-token <name> --scopes <a,b,…>
                                                 create a tRPC gateway service token; prints it once
                                                 scopes: ${SERVICE_SCOPES.join(', ')}`;

/**
 * `create-service-token <name> --scopes a,b`: prints the token once, as JSON. Only its SHA-256
 * is stored, so a lost token is revoked and replaced, never recovered. Returns the exit code.
 */
export async function createServiceTokenCommand(config: Config, args: string[], usage: string): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { scopes: { type: 'string' } }, allowPositionals: true });
  const name = positionals[0];
  if (!name || !values.scopes) {
    console.error(usage);
    return 2;
  }
  const scopes = values.scopes;
  return withDataAccess(config, async (data) => {
    const created = await createServiceToken(data.serviceTokens, { name, scopes, now: Date.now() });
    console.log(JSON.stringify({ id: created.id, name: created.name, scopes: created.scopes, token: created.token }, null, 2));
    console.error('Store the token now: it is not shown again.');
    return 0;
  });
}
