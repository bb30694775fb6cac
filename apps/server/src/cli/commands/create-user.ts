import { parseArgs } from 'node:util';
import { createSession, createUser } from '@courier/server-domain';
import type { Config } from '@courier/server-util-config';
import { withDataAccess } from './with-data-access';

export const CREATE_USER_USAGE = `  create-user <localpart> --password <pw> [--admin]
                                                 create a user; prints the user ID and an access token`;

/** `create-user <localpart> --password <pw> [--admin]`: the user and a first session, as JSON. */
export async function createUserCommand(config: Config, args: string[], usage: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { password: { type: 'string' }, admin: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const localpart = positionals[0];
  const password = values.password;
  if (!localpart || !password) {
    console.error(usage);
    return 2;
  }
  return withDataAccess(config, async (data) => {
    const now = Date.now();
    const userId = await createUser(data.accounts, { localpart, password, isAdmin: values.admin, serverName: config.SERVER_NAME, now });
    const session = await createSession(data.accounts, { userId, deviceDisplayName: 'courier-cli', now });
    console.log(JSON.stringify({ user_id: userId, device_id: session.deviceId, access_token: session.accessToken, admin: values.admin }, null, 2));
    return 0;
  });
}
