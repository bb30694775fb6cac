import { freePort, spawnCourier, type CourierBuild, type CourierProcess } from '../process/courier-process';

export { sleep } from '../process/courier-process';

/** One Courier process after another on the same port and database, as an operator's supervisor would run them. */
export interface ChaosServer {
  url: string;
  /** How long each start took until /ready answered 200. */
  startsMs: number[];
  /** Exits nobody asked for (the process died by itself), each with the end of its output. */
  crashes: string[];
  start(): Promise<void>;
  /** kill -9: no shutdown hook runs, in-flight requests die wherever they are. */
  kill(): Promise<void>;
  /** SIGTERM and wait: the graceful stop, for the end of the run. */
  stop(): Promise<void>;
}

export async function createChaosServer(env: Record<string, string>, build: CourierBuild = 'dist'): Promise<ChaosServer> {
  const port = await freePort();
  let current: CourierProcess | undefined;
  const startsMs: number[] = [];
  const crashes: string[] = [];
  const end = async (how: 'kill' | 'stop') => {
    const ending = current;
    current = undefined;
    await ending?.[how]();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    startsMs,
    crashes,
    async start() {
      const started = await spawnCourier(env, port, { readyPath: '/ready', build });
      current = started;
      startsMs.push(started.startupMs);
      // Still the current process when it exits: nobody killed or stopped it.
      void started.exited.then((code) => {
        if (current === started) crashes.push(`exit code ${code}:\n${started.output().slice(-2000)}`);
      });
    },
    kill: () => end('kill'),
    stop: () => end('stop'),
  };
}
