/**
 * A few worker threads running one kind of task, each task answered in the order it was given to its thread.
 * A thread that crashes or exits fails every task still waiting and every later one: the caller's work fails
 * like on any other error, and `close` ends the threads.
 */
import { Worker } from 'node:worker_threads';

interface Waiting<Result> {
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
}

/**
 * A thread running `entry`, a TypeScript module. Node 20 gives a worker thread neither the `--import tsx` hooks
 * of its process (production) nor hooks from its own execArgv, so the thread registers tsx before the import.
 */
function startThread(entry: URL): Worker {
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const code = `import(${tsx}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(code, { eval: true });
}

export class ThreadPool<Task, Result> {
  private readonly threads: Worker[];
  private readonly waiting = new Map<number, Waiting<Result>>();
  private nextId = 0;
  readonly size: number;
  private failure: Error | null = null;
  private closed = false;

  /** `entry` answers each `{ id, task }` message with `{ id, result }`, in the order the tasks came. */
  constructor(entry: URL, size: number) {
    this.size = size;
    this.threads = Array.from({ length: size }, () => {
      const thread = startThread(entry);
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
