import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@courier/server-util-config';
import { createDataAccess, migrate, openDatabase } from '@courier/server-data-access';
import { createSession, createUser } from '@courier/server-domain';
import { MatrixError } from '@courier/shared-matrix-errors';
import { CREATE_SERVICE_TOKEN_USAGE, createServiceTokenCommand } from './commands/create-service-token';
import { BACKUP_USAGE, backupCommand } from './commands/backup';

const USAGE = `Usage: npm run courier -- <command> [options]

Commands:
  migrate                                        apply pending database migrations and exit
  create-user <localpart> --password <pw> [--admin]
                                                 create a user; prints the user ID and an access token
${CREATE_SERVICE_TOKEN_USAGE}
${BACKUP_USAGE}
  help                                           this text

Environment: the same variables as the server (DATABASE_URL, SERVER_NAME, …); see README.`;

async function run(argv: string[]): Promise<number> {
  // eslint-disable-next-line no-restricted-syntax -- the CLI is a composition root
  const config = loadConfig(process.env);
  const [command, ...rest] = argv;
  switch (command) {
    case 'migrate': {
      const db = openDatabase(config.DATABASE_URL);
      try {
        const result = await migrate(db);
        console.log(result.applied.length ? `applied: ${result.applied.join(', ')}` : 'database is up to date');
      } finally {
        await db.close();
      }
      return 0;
    }
    case 'create-user': {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { password: { type: 'string' }, admin: { type: 'boolean', default: false } },
        allowPositionals: true,
      });
      const localpart = positionals[0];
      if (!localpart || !values.password) {
        console.error(USAGE);
        return 2;
      }
      const data = await createDataAccess(config.DATABASE_URL);
      try {
        const now = Date.now();
        const userId = await createUser(data.accounts, { localpart, password: values.password, isAdmin: values.admin, serverName: config.SERVER_NAME, now });
        const session = await createSession(data.accounts, { userId, deviceId: undefined, deviceDisplayName: 'courier-cli', now });
        console.log(JSON.stringify({ user_id: userId, device_id: session.deviceId, access_token: session.accessToken, admin: values.admin }, null, 2));
      } finally {
        await data.close();
      }
      return 0;
    }
    case 'create-service-token':
      return createServiceTokenCommand(config, rest, USAGE);
    case 'backup':
      return backupCommand(config, rest, USAGE);
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      console.error(`Unknown command: ${command}\n\n${USAGE}`);
      return 2;
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError) console.error(err.message);
    else if (err instanceof MatrixError) console.error(`${err.errcode}: ${err.message}`);
    else console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
