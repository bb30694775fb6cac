import { ConfigError, loadConfig } from '@courier/server-util-config';
import { MatrixError } from '@courier/shared-matrix-errors';
import { CREATE_USER_USAGE, createUserCommand } from './commands/create-user';
import { MIGRATE_USAGE, migrateCommand } from './commands/migrate';
import { CREATE_SERVICE_TOKEN_USAGE, createServiceTokenCommand } from './commands/create-service-token';
import { BACKUP_USAGE, backupCommand } from './commands/backup';

const USAGE = `Usage: npm run courier -- <command> [options]

Commands:
${MIGRATE_USAGE}
${CREATE_USER_USAGE}
${CREATE_SERVICE_TOKEN_USAGE}
${BACKUP_USAGE}
  help                                           this text

Environment: the same variables as the server (DATABASE_URL, SERVER_NAME, …); see README.`;

async function run(argv: string[]): Promise<number> {
  // eslint-disable-next-line no-restricted-syntax -- the CLI is a composition root
  const config = loadConfig(process.env);
  const [command, ...rest] = argv;
  switch (command) {
    case 'migrate':
      return migrateCommand(config);
    case 'create-user':
      return createUserCommand(config, rest, USAGE);
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
