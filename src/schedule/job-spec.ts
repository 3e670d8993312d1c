// What the scheduler starts: ollm by absolute paths (this node, this ollm's own entry file, as the
// OpenClaw resolver launcher does) and the few variables the job needs, since a timer's or cron's
// environment has almost nothing — and never a secret: the job finds its credential in the keychain.
import { dirname, isAbsolute } from 'node:path';
import type { ProxyUrl } from '../config/proxy-url.ts';

export interface JobSpec {
  /** Absolute node, absolute ollm entry, then `schedule run …`. */
  argv: string[];
  /** Exactly the environment the job runs with (besides what the scheduler itself sets). */
  env: Record<string, string>;
}

export interface JobSpecInput {
  node: string;
  entry: string;
  everyText: string;
  grace: string | null;
  aliases: string[];
  /** The environment of `schedule set`: what the job must carry is read from it. */
  env: NodeJS.ProcessEnv;
  proxy: ProxyUrl;
  /** The absolute path of `openclaw`, found on PATH now: a timer's PATH rarely has it. */
  openclawBin: string | null;
}

/** Variables that are always secrets and never go into a unit file, a plist or a crontab. */
export const NEVER_CARRIED = ['LITELLM_MASTER_KEY', 'LITELLM_PROXY_API_KEY', 'LITELLM_API_KEY', 'ANTHROPIC_API_KEY'];

export function jobSpec(input: JobSpecInput): JobSpec {
  const { env } = input;
  const carried: Record<string, string> = {};
  if (!env.HOME) throw new Error('HOME is not set');
  carried.HOME = env.HOME;
  // ollm's own config and state are found where `schedule set` found them.
  for (const name of ['XDG_CONFIG_HOME', 'XDG_STATE_HOME'] as const) {
    const value = env[name];
    if (value && isAbsolute(value)) carried[name] = value;
  }
  // The keychain is on the session bus. Its default address is $XDG_RUNTIME_DIR/bus, which
  // systemd's user manager sets and cron does not: carry the directory, and the address only when
  // it is something else (a bus started by dbus-launch, a test's private bus).
  if (env.XDG_RUNTIME_DIR && isAbsolute(env.XDG_RUNTIME_DIR)) carried.XDG_RUNTIME_DIR = env.XDG_RUNTIME_DIR;
  const bus = env.DBUS_SESSION_BUS_ADDRESS;
  if (bus && bus !== defaultBusAddress(env.XDG_RUNTIME_DIR)) carried.DBUS_SESSION_BUS_ADDRESS = bus;
  // A proxy named by flag or env var is fixed now; one from ollm's config file is read by the job
  // itself, so `ollm config set proxy-url` later still applies.
  if (input.proxy.kind === 'flag' || input.proxy.kind === 'env') carried.LITELLM_PROXY_URL = input.proxy.base;
  // Programs a rotation runs: `openclaw secrets reload` for a running Gateway. openclaw is a node
  // script (`#!/usr/bin/env node`), so PATH holds this node's directory and the system's.
  if (env.OLLM_OPENCLAW_BIN !== undefined) carried.OLLM_OPENCLAW_BIN = env.OLLM_OPENCLAW_BIN;
  else if (input.openclawBin) carried.OLLM_OPENCLAW_BIN = input.openclawBin;
  carried.PATH = [...new Set([dirname(input.node), '/usr/local/bin', '/usr/bin', '/bin'])].join(':');
  carried.NO_COLOR = '1';
  for (const name of NEVER_CARRIED) delete carried[name];
  return { argv: [input.node, input.entry, ...jobArgs(input)], env: carried };
}

/** `schedule run` with what `set` was given: the job line says what it does. */
export function jobArgs(input: Pick<JobSpecInput, 'everyText' | 'grace' | 'aliases'>): string[] {
  return ['schedule', 'run', '--every', input.everyText, '--grace', input.grace ?? 'none', ...input.aliases.flatMap((a) => ['--alias', a])];
}

export function defaultBusAddress(runtimeDir: string | undefined): string | null {
  return runtimeDir ? `unix:path=${runtimeDir}/bus` : null;
}
