// The real `openclaw` command, when it is installed: it validates what ollm wrote and tells
// whether a stored auth profile would override the config.
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { UserError } from '../../errors.ts';
import { childEnv } from '../../io/child-env.ts';
import { runProcess } from '../../io/run-process.ts';

export interface OpenClawCli {
  /** Problems OpenClaw reports for the config file (empty when valid). */
  validateConfig(file: string): Promise<string[]>;
  /** Ids of stored auth profiles of this provider: they win over every env source and the config. */
  authProfiles(provider: string): Promise<string[]>;
  /** The stored auth profiles of this provider with OpenClaw's masked form of each key; null when `models status` failed. */
  profileKeys(provider: string): Promise<ProfileKey[] | null>;
  /** Ask a running Gateway to re-resolve SecretRefs; false when there is none (one-shot commands resolve on every run). */
  reloadSecrets(): Promise<boolean>;
  /** Replace a profile's key (the key goes on stdin, never in argv). OpenClaw rewrites its config as it does. */
  pasteApiKey(provider: string, profileId: string, secret: string): Promise<void>;
}

export interface ProfileKey {
  id: string;
  /** OpenClaw's masked form of the profile's key (`sk-70qBD...Zmg86J4w`: the first and last 8 characters), or null. */
  masked: string | null;
}

const TIMEOUT_MS = 60_000;

/** `openclaw` on PATH, or null (then ollm relies on its own schema-safe edits). */
export async function findOpenClaw(env: NodeJS.ProcessEnv): Promise<OpenClawCli | null> {
  const bin = await findOpenClawProgram(env);
  return bin ? new InstalledOpenClaw(bin, env) : null;
}

/** The `openclaw` program ollm would run (OLLM_OPENCLAW_BIN, else PATH), or null. */
export async function findOpenClawProgram(env: NodeJS.ProcessEnv): Promise<string | null> {
  if (env.OLLM_OPENCLAW_BIN === '') return null;
  return env.OLLM_OPENCLAW_BIN ?? await which('openclaw', env.PATH ?? '');
}

async function which(name: string, path: string): Promise<string | null> {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch { /* next */ }
  }
  return null;
}

interface Run { code: number | null; stdout: string; stderr: string }

class InstalledOpenClaw implements OpenClawCli {
  constructor(private readonly bin: string, private readonly env: NodeJS.ProcessEnv) {}

  async validateConfig(file: string): Promise<string[]> {
    const run = await this.run(['config', 'validate', '--json'], { OPENCLAW_CONFIG_PATH: file });
    const answer = parseJson(run.stdout) as { valid?: boolean; issues?: Array<{ path?: string; message?: string }> } | null;
    if (answer && typeof answer.valid === 'boolean') {
      return answer.valid ? [] : (answer.issues ?? []).map((i) => `${i.path ?? '(root)'}: ${i.message ?? 'invalid'}`);
    }
    // Not the JSON we know: do not undo a write on a guess, but do not claim it was checked either.
    return run.code === 0 ? [] : [`openclaw config validate failed (exit ${run.code})`];
  }

  // `effective.kind` does not reveal a profile (it says "env" while the profile's key is sent);
  // `profiles.count` and the labels (`litellm:default=sk-…`) do.
  async authProfiles(provider: string): Promise<string[]> {
    const run = await this.run(['models', 'status', '--json']);
    const status = parseJson(run.stdout) as { auth?: { providers?: Array<Record<string, any>> } } | null;
    const entry = status?.auth?.providers?.find((p) => p.provider === provider);
    const profiles = entry?.profiles as { count?: number; labels?: unknown[] } | undefined;
    if (!profiles?.count) return [];
    const ids = (profiles.labels ?? []).map((label) => String(label).split('=')[0]!.trim()).filter(Boolean);
    return ids.length ? [...new Set(ids)] : [`${provider}:default`];
  }

  async profileKeys(provider: string): Promise<ProfileKey[] | null> {
    const run = await this.run(['models', 'status', '--json']);
    const status = parseJson(run.stdout) as { auth?: { providers?: Array<Record<string, any>> } } | null;
    if (run.code !== 0 || !status?.auth) return null;
    const profiles = status.auth.providers?.find((p) => p.provider === provider)?.profiles as { count?: number; labels?: unknown[] } | undefined;
    if (!profiles?.count) return [];
    const keys = (profiles.labels ?? []).map((label) => {
      const [id, masked] = String(label).split('=', 2).map((part) => part.trim());
      return { id: id!, masked: masked || null };
    }).filter((key) => key.id);
    return keys.length ? keys : [{ id: `${provider}:default`, masked: null }];
  }

  async reloadSecrets(): Promise<boolean> {
    return (await this.run(['secrets', 'reload'])).code === 0;
  }

  async pasteApiKey(provider: string, profileId: string, secret: string): Promise<void> {
    const run = await this.run(['models', 'auth', 'paste-api-key', '--provider', provider, '--profile-id', profileId], {}, secret);
    if (run.code !== 0) {
      throw new UserError(`OpenClaw could not update its auth profile ${profileId} (exit ${run.code}).`, {
        code: 'openclaw_profile_failed',
        hint: `Run: ollm key get --reveal | openclaw models auth paste-api-key --provider ${provider} --profile-id ${profileId}`,
      });
    }
  }

  private async run(args: string[], extraEnv: NodeJS.ProcessEnv = {}, input?: string): Promise<Run> {
    const run = await runProcess(this.bin, args, { env: childEnv(this.env, extraEnv), input, timeoutMs: TIMEOUT_MS });
    // Not startable reads as the shell's "command not found".
    return { code: run.spawnError ? 127 : run.code, stdout: run.stdout, stderr: run.stderr };
  }
}

function parseJson(text: string): unknown {
  const start = text.indexOf('{');
  if (start < 0) return null;
  try { return JSON.parse(text.slice(start)); } catch { return null; }
}
