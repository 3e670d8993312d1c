// How the bench measures: runs under GNU time (wall time and peak RSS), medians after warm-up, a
// command and its baseline in turns.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { ROOT } from '../support/cli.ts';

export const RUNS = Number(process.env.BENCH_RUNS) || 12;
export const WARMUP = 2;
const TIME = '/usr/bin/time';

export interface Sample { ms: number; rssMb: number }
export interface Row { name: string; median: Sample; baseline?: { name: string; median: Sample }; goal?: string; ratioOk?: (r: number) => boolean }

/** One run under GNU time: wall time (ms) and peak RSS (MB). Async, so the in-process server answers. */
export function runOnce(argv: string[], env: NodeJS.ProcessEnv, input?: string): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(TIME, ['-f', '%M', ...argv], { env, cwd: ROOT, stdio: [input === undefined ? 'ignore' : 'pipe', 'ignore', 'pipe'] });
    child.stdin?.end(input);
    let stderr = '';
    child.stderr!.on('data', (c) => { stderr += c; });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) return reject(new Error(`${argv.join(' ')} exited ${code}: ${stderr.slice(-500)}`));
      const rssKb = Number(stderr.trim().split('\n').at(-1));
      resolve({ ms, rssMb: rssKb / 1024 });
    });
  });
}

export async function measure(argv: string[], env: NodeJS.ProcessEnv, runs = RUNS): Promise<Sample> {
  for (let i = 0; i < WARMUP; i++) await runOnce(argv, env);
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(await runOnce(argv, env));
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return { ms: median(samples.map((s) => s.ms)), rssMb: Math.max(...samples.map((s) => s.rssMb)) };
}

export interface Run { argv: string[]; env: NodeJS.ProcessEnv; input?: string }

/**
 * A command and its baseline, run in turns (a b, b a, a b, …) so that a machine busy with other
 * work slows both alike; the medians of each, and the largest peak RSS.
 */
export async function measurePair(a: Run, b: Run, runs = RUNS): Promise<[Sample, Sample]> {
  for (let i = 0; i < WARMUP; i++) {
    await runOnce(a.argv, a.env, a.input);
    await runOnce(b.argv, b.env, b.input);
  }
  const as: Sample[] = [];
  const bs: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      as.push(await runOnce(a.argv, a.env, a.input));
      bs.push(await runOnce(b.argv, b.env, b.input));
    } else {
      bs.push(await runOnce(b.argv, b.env, b.input));
      as.push(await runOnce(a.argv, a.env, a.input));
    }
  }
  const summary = (samples: Sample[]): Sample => {
    const ms = samples.map((s) => s.ms).sort((x, y) => x - y);
    return { ms: ms[Math.floor(ms.length / 2)]!, rssMb: Math.max(...samples.map((s) => s.rssMb)) };
  };
  return [summary(as), summary(bs)];
}

/** A row from an alternating run of `command` against `baseline`. */
export async function pairRow(name: string, command: Run, baselineName: string, baseline: Run, goal?: { text: string; max: number }): Promise<Row> {
  const [median, base] = await measurePair(command, baseline);
  return { name, median, baseline: { name: baselineName, median: base }, ...(goal ? { goal: goal.text, ratioOk: (r: number) => r <= goal.max } : {}) };
}

