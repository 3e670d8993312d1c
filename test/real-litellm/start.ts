// `test/real-litellm/start [--port N] [--config FILE]`: the real LiteLLM proxy on 127.0.0.1 with
// its own Postgres, installed on first run under .cache/. Prints LITELLM_PROXY_URL and
// LITELLM_MASTER_KEY once the proxy is ready, then stays up until SIGTERM or SIGINT.
// `--install-only` installs and exits (CI does this before the suite); `--no-db` runs LiteLLM
// without a database (as people run it for plain routing); `--state FILE` writes the Postgres pid
// there, so a test can take the database away under a running proxy. `--instances N` starts N
// LiteLLM processes on the one Postgres (a cluster, the usual way to scale LiteLLM without Redis);
// the first is LITELLM_PROXY_URL, the others LITELLM_PROXY_URL_2, _3, ….
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultConfig, mergeHarnessSettings, readConfigFile } from './config.ts';
import { HarnessError } from './harness-error.ts';
import { ensureLiteLLM, migrationFiles } from './install.ts';
import { CACHE_DIR, VENV_BIN, prismaEnv } from './paths.ts';
import { startPostgres, type Postgres } from './postgres.ts';
import { freePort, portIsFree, waitFor } from './wait.ts';

const log = (line: string) => process.stderr.write(`real-litellm: ${line}\n`);

interface Args { port: number; config: string | undefined; installOnly: boolean; noDb: boolean; state: string | undefined; instances: number }

function parse(): Args {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4000' },
      config: { type: 'string' },
      'install-only': { type: 'boolean', default: false },
      'no-db': { type: 'boolean', default: false },
      state: { type: 'string' },
      instances: { type: 'string', default: '1' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new HarnessError(`--port takes a port number (0 picks a free one), not ${values.port}`);
  const instances = Number(values.instances);
  if (!Number.isInteger(instances) || instances < 1 || instances > 4) throw new HarnessError(`--instances takes 1 to 4, not ${values.instances}`);
  if (instances > 1 && (values['no-db'] ?? false)) throw new HarnessError('--instances shares one database: it cannot go with --no-db');
  return { port, config: values.config, installOnly: values['install-only'] ?? false, noDb: values['no-db'] ?? false, state: values.state, instances };
}

async function readiness(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health/readiness`, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-12).join('\n');
  } catch {
    return '';
  }
}

async function main(): Promise<void> {
  const args = parse();
  if (args.installOnly) {
    ensureLiteLLM(log);
    log('LiteLLM is installed');
    return;
  }
  // LiteLLM silently moves to a random port when 4000 is taken; say so instead.
  if (args.port !== 0 && !(await portIsFree(args.port))) throw new HarnessError(`port ${args.port} is in use (use --port N, or --port 0 for a free one)`);
  const userConfig = args.config ? args.config : undefined;
  ensureLiteLLM(log);
  const config = userConfig ? readConfigFile(userConfig) : defaultConfig();

  let postgres: Postgres | undefined;
  const instances: ChildProcess[] = [];
  const runDir = mkdtempSync(join(tmpdir(), 'ollm-real-litellm-'));
  let stopping = false;
  const stopAll = async (code: number): Promise<never> => {
    stopping = true;
    await Promise.all(instances.map(async (litellm) => {
      if (!litellm.pid || litellm.exitCode !== null || litellm.signalCode !== null) return;
      const exited = new Promise((resolve) => litellm.once('exit', resolve));
      // Its own process group: the engine bridge and uvicorn workers go with it.
      try { process.kill(-litellm.pid, 'SIGTERM'); } catch { /* already gone */ }
      const timer = setTimeout(() => { try { process.kill(-litellm.pid!, 'SIGKILL'); } catch { /* gone */ } }, 10_000);
      await exited;
      clearTimeout(timer);
    }));
    await postgres?.stop();
    rmSync(runDir, { recursive: true, force: true });
    process.exit(code);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => { if (!stopping) void stopAll(0); });

  try {
    if (!args.noDb) postgres = await startPostgres(migrationFiles());
    if (args.state) writeFileSync(args.state, JSON.stringify({ postgresPid: postgres?.pid ?? null }));
    const masterKey = `sk-master-${randomBytes(16).toString('hex')}`;
    const configFile = join(runDir, 'config.json');
    writeFileSync(configFile, JSON.stringify(mergeHarnessSettings(config, masterKey, postgres?.url), null, 2), { mode: 0o600 });
    mkdirSync(join(CACHE_DIR, 'logs'), { recursive: true });
    const urls: string[] = [];
    const logs: string[] = [];
    for (let index = 0; index < args.instances; index++) {
      let port = index === 0 && args.port !== 0 ? args.port : await freePort();
      // A port handed out a moment ago is free again until its LiteLLM binds it: never reuse one.
      while (urls.includes(`http://127.0.0.1:${port}`)) port = await freePort();
      const logFile = join(CACHE_DIR, 'logs', `litellm-${port}.log`);
      const out = openSync(logFile, 'w');
      const litellm = spawn(join(VENV_BIN, 'litellm'), ['--config', configFile, '--host', '127.0.0.1', '--port', String(port), '--num_workers', '1'], {
        cwd: runDir,
        detached: true,
        stdio: ['ignore', out, out],
        env: {
          ...process.env,
          ...prismaEnv(),
          PATH: `${VENV_BIN}:${process.env.PATH ?? ''}`,
          ...(postgres ? { DATABASE_URL: postgres.url } : {}),
          LITELLM_MASTER_KEY: masterKey,
          // The schema comes from LiteLLM's migration SQL; Prisma's migration engine cannot run here.
          DISABLE_SCHEMA_UPDATE: 'true',
          // LiteLLM fetches its model price list from the internet unless told to use its own copy.
          LITELLM_LOCAL_MODEL_COST_MAP: 'True',
          ...(process.env.OLLM_REAL_LITELLM_ENV ? JSON.parse(process.env.OLLM_REAL_LITELLM_ENV) as Record<string, string> : {}),
        },
      });
      instances.push(litellm);
      litellm.once('exit', (code, signal) => {
        if (stopping) return;
        log(`LiteLLM exited (${signal ?? `exit ${code}`}); its log: ${logFile}\n${tail(logFile)}`);
        void stopAll(1);
      });
      urls.push(`http://127.0.0.1:${port}`);
      logs.push(logFile);
    }
    // Started together, ready each in its own time.
    await Promise.all(urls.map((url) => waitFor('LiteLLM', 180_000, () => readiness(url))));
    const others = urls.slice(1).map((url, index) => `LITELLM_PROXY_URL_${index + 2}=${url}\n`).join('');
    process.stdout.write(`LITELLM_PROXY_URL=${urls[0]}\n${others}LITELLM_MASTER_KEY=${masterKey}\n`);
    const logFile = logs.join(', ');
    log(`ready (log: ${logFile}); Ctrl-C stops it`);
  } catch (error) {
    log(error instanceof HarnessError ? error.message : String(error));
    await stopAll(1);
  }
}

main().catch((error: unknown) => {
  log(error instanceof HarnessError ? error.message : String(error));
  process.exit(1);
});
