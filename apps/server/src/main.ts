import { ConfigError, loadConfig, type Config } from '@courier/server-util-config';
import { createDataAccess } from '@courier/server-data-access';
import { buildApp } from './app';
import { buildGatewayApp } from './gateway-app';
import { loggerOptions } from './logger-options';

/** How long SIGTERM waits for in-flight requests before the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 9_000;

function readConfig(): Config {
  try {
    // eslint-disable-next-line no-restricted-syntax -- the composition root is where env is read
    return loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

/** The process: config → database (migrated) → app → listen; SIGTERM/SIGINT close it gracefully. */
async function main(): Promise<void> {
  const config = readConfig();
  const data = await createDataAccess(config.DATABASE_URL);
  const app = await buildApp({
    config,
    data,
    logger: loggerOptions(config.LOG_LEVEL),
  });
  // INTERNAL_PORT: the tRPC gateway also gets a listener of its own (still mounted on the public app).
  const internal = config.INTERNAL_PORT === undefined ? undefined : await buildGatewayApp(app);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      app.log.error('shutdown deadline passed; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    force.unref();
    try {
      await internal?.close();
      await app.close();
      await data.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.PORT, host: config.HOST });
  if (internal) {
    await internal.listen({ port: config.INTERNAL_PORT, host: config.INTERNAL_HOST });
    app.log.info({ host: config.INTERNAL_HOST, port: config.INTERNAL_PORT }, 'tRPC gateway listening on its internal port');
  }
  app.log.info({ serverName: config.SERVER_NAME, database: data.db.kind }, 'Courier is ready');
}

main().catch((err: unknown) => {
  console.error('Courier failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
