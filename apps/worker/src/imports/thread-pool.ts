/**
 * A few worker threads running one kind of task, each task answered in the order it was given to its thread.
 * A thread that crashes or exits fails every task still waiting and every later one: the caller's work fails
 * like on any other error, and `close` ends the threads.
 */
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { build } from 'esbuild';

interface Waiting<Result> {
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
}

/**
 * The thread's code: `entry` (TypeScript) bundled into one script, once per process. Node 20 gives a worker
 * thread neither the `--import tsx` hooks of its process nor hooks from its own execArgv; registering tsx in the
 * thread works, but loading a thousand modules through its hooks took 5–10 s per thread, the bundle 0.15 s.
 */
const bundles = new Map<string, Promise<string>>();
function bundled(entry: URL): Promise<string> {
  let code = bundles.get(entry.href);
  if (!code) {
    code = build({
      entryPoints: [fileURLToPath(entry)],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      write: false,
      logLevel: 'silent',
    }).then((result) => result.outputFiles[0]!.text);
    // A failed build is tried again by the next pool rather than remembered.
    code.catch(() => bundles.delete(entry.href));
    bundles.set(entry.href, code);
  }
  return code;
}

export class ThreadPool<Task, Result> {
  private readonly threads: Worker[];
  private readonly waiting = new Map<number, Waiting<Result>>();
  private nextId = 0;
  readonly size: number;
  private failure: Error | null = null;
  private closed = false;

  /** `entry` answers each `{ id, task }` message with `{ id, result }`, in the order the tasks came. */
  static async start<Task, Result>(
    entry: URL,
    size: number,
    resourceLimits?: ResourceLimits,
  ): Promise<ThreadPool<Task, Result>> {
    return new ThreadPool<Task, Result>(await bundled(entry), size, resourceLimits);
  }

  private constructor(code: string, size: number, resourceLimits: ResourceLimits | undefined) {
    this.size = size;
    this.threads = Array.from({ length: size }, () => {
      const thread = new Worker(code, { eval: true, resourceLimits });
      thread.on('message', ({ id, result }: { id: number; result: Result }) => {
        const waiter = this.waiting.get(id);
        this.waiting.delete(id);
        waiter?.resolve(result);
      });
      thread.on('error', (error) => this.fail(error));
      thread.on('exit', (code) => {
        if (!this.closed) this.fail(new Error(`A parsing thread exited (code ${code}) while the import ran.`));
      });
      return thread;
    });
  }

  /** Runs `task` on the next thread in turn (tasks come in order and take about as long as each other). */
  run(task: Task): Promise<Result> {
    return this.post(this.threads[this.nextId % this.threads.length]!, task);
  }

  /** Runs `task` on every thread: a set-up the tasks after it rely on. */
  runOnEach(task: Task): Promise<Result[]> {
    return Promise.all(this.threads.map((thread) => this.post(thread, task)));
  }

  private post(thread: Worker, task: Task): Promise<Result> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<Result>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      thread.postMessage({ id, task });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.map((thread) => thread.terminate()));
    this.fail(new Error('The parsing threads were closed.'));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(this.failure);
    this.waiting.clear();
  }
}
