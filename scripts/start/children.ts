/**
 * Child processes of the start command: output prefixed line by line, stopped together.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Child {
  name: string;
  process: ChildProcess;
  /** Resolves with the exit code (or the signal name) when the process ends. */
  exited: Promise<number | string>;
}

export function startChild(
  name: string,
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd: string },
): Child {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `[${name}]`.padEnd(9);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => console.log(`${prefix}${line}`));
  }
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  return { name, process: child, exited };
}

/** Runs a command to completion with inherited output; rejects on a non-zero exit. */
export async function run(command: string, args: string[], options: { env: NodeJS.ProcessEnv; cwd: string }) {
  const child = spawn(command, args, { ...options, stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}`);
}

/** SIGTERM to every child still running (each shuts down gracefully), SIGKILL after `graceMs`. */
export async function stopAll(children: Child[], graceMs = 10_000): Promise<void> {
  const running = children.filter((c) => c.process.exitCode === null && c.process.signalCode === null);
  for (const child of running) child.process.kill('SIGTERM');
  const timer = setTimeout(() => {
    for (const child of running) child.process.kill('SIGKILL');
  }, graceMs);
  await Promise.all(running.map((c) => c.exited));
  clearTimeout(timer);
}
