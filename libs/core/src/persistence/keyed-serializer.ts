/**
 * Runs the tasks of one key one after another within this process, without holding anything
 * while they wait. Used where PostgreSQL serialises work on a row lock anyway (a case number
 * counter): queueing in the process instead keeps the waiting requests from holding pool
 * connections, which the running one and every other request need. Correctness still rests on
 * the database lock, across processes.
 */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
