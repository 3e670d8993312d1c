// services.sleep for in-process tests: returns at once and records each pause asked for, so a
// test neither spends key create's 1.5 s recheck nor loses sight of it.
export interface InstantSleep {
  sleep: (ms: number) => Promise<void>;
  /** Every pause asked for, in ms, in order. */
  waits: number[];
}

export function instantSleep(): InstantSleep {
  const waits: number[] = [];
  return {
    waits,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  };
}
