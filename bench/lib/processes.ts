/** Child server processes for benchmarks: readiness by polling, a clean stop. */
import { spawn, type ChildProcess } from 'node:child_process';
import { waitFor } from '../../scripts/start/api-client.ts';

export interface ServerProcess {
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * Starts `node <file>` (`--import tsx` first for a `.ts` file) and resolves once GET `readyPath` answers 200; stderr
 * goes to `log`.
 */
export async function startNodeServer(options: {
  file: string;
  args?: string[];
  /** Options for node itself, before the script (`--cpu-prof` is refused in NODE_OPTIONS). */
  nodeArgs?: string[];
  port: number;
  env: NodeJS.ProcessEnv;
  readyPath: string;
  log: (line: string) => void;
  timeoutMs?: number;
}): Promise<ServerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      ...(options.file.endsWith('.ts') ? ['--import', 'tsx'] : []),
      options.file,
      ...(options.args ?? []),
    ],
    {
      env: options.env,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  child.stderr?.on('data', (chunk: Buffer) => options.log(chunk.toString().trimEnd()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitFor(
      `${url}${options.readyPath}`,
      async () => {
        if (child.exitCode !== null) throw new Error(`${options.file} exited with ${child.exitCode}`);
        const ok = await fetch(`${url}${options.readyPath}`).then(
          (r) => r.ok,
          () => false,
        );
        return ok || undefined;
      },
      { timeoutMs: options.timeoutMs ?? 60_000, intervalMs: 200 },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid, stop };
}
