import { createDataAccess, type DataAccess } from '@courier/server-data-access';
import type { Config } from '@courier/server-util-config';

/** Opens the database (migrating it, as the server would), runs one command, closes it. */
export async function withDataAccess<T>(config: Config, fn: (data: DataAccess) => Promise<T>): Promise<T> {
  const data = await createDataAccess(config.DATABASE_URL);
  try {
    return await fn(data);
  } finally {
    await data.close();
  }
}
