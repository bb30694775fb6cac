import { freePort, spawnCourier, type CourierProcess } from '../process/courier-process';

export { sleep } from '../process/courier-process';

/** One Courier process after another on the same port and database, as an operator's supervisor would run them. */
export interface ChaosServer {
  url: string;
  /** How long each start took until /ready answered 200. */
  startsMs: number[];
  start(): Promise<void>;
  /** kill -9: no shutdown hook runs, in-flight requests die wherever they are. */
  kill(): Promise<void>;
  /** SIGTERM and wait: the graceful stop, for the end of the run. */
  stop(): Promise<void>;
}

export async function createChaosServer(env: Record<string, string>): Promise<ChaosServer> {
  const port = await freePort();
  let current: CourierProcess | undefined;
  const startsMs: number[] = [];
  const end = async (how: 'kill' | 'stop') => {
    await current?.[how]();
    current = undefined;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    startsMs,
    async start() {
      current = await spawnCourier(env, port, { readyPath: '/ready' });
      startsMs.push(current.startupMs);
    },
    kill: () => end('kill'),
    stop: () => end('stop'),
  };
}
