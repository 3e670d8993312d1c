// Wait for a condition by polling it under a deadline: what a test does instead of sleeping a
// fixed time and hoping the other side was done by then. Fails with `what` when the deadline passes.

export interface WaitForOptions {
  /** What is awaited, for the failure message ("the grandchild to be gone"). */
  what: string;
  /** How long before giving up: generous, since it only bounds a failure. */
  timeoutMs?: number;
  /** Pause between two checks. */
  everyMs?: number;
}

/** What a condition answers once it holds. */
type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/** Resolves with the condition's first truthy answer; rejects when the deadline passes first. */
export async function waitFor<T>(condition: () => T | Promise<T>, options: WaitForOptions): Promise<Truthy<T>> {
  const { what, timeoutMs = 30_000, everyMs = 50 } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const answer = await condition();
      if (answer) return answer as Truthy<T>;
      lastError = undefined;
    } catch (error) {
      lastError = error; // not ready yet (a file not there, a request refused): ask again
    }
    if (Date.now() >= deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`gave up after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
