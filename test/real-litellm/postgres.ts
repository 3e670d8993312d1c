// A throw-away Postgres for one LiteLLM run: its own cluster in a temp dir, a private port and
// socket dir, run as an unprivileged user (initdb refuses root), removed when stopped.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HarnessError } from './harness-error.ts';
import { freePort, waitFor } from './wait.ts';

export interface Postgres {
  url: string;
  port: number;
  /** The postmaster's pid: SIGKILL it to take the database away under a running proxy. */
  pid: number;
  /** Runs SQL as the superuser (for tests that need to see or break the database). */
  sql(statement: string): string;
  stop(): Promise<void>;
}

function binDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const found = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const candidates = ['/usr/lib/postgresql/15/bin', found.status === 0 ? found.stdout.trim() : ''];
  const dir = candidates.find((candidate) => candidate && existsSync(join(candidate, 'initdb')));
  if (!dir) throw new HarnessError('Postgres is not installed (apt-get install postgresql), or set PG_BIN');
  return dir;
}

/** As root, the cluster runs as the `postgres` user that Debian's package creates. */
function runAs(): { uid: number; gid: number; prefix: string[] } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0) throw new HarnessError('running as root needs the `postgres` user (apt-get install postgresql)');
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()), prefix: ['runuser', '-u', 'postgres', '--'] };
}

export async function startPostgres(migrations: string[]): Promise<Postgres> {
  const bin = binDir();
  const user = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'ollm-real-pg-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const command = (tool: string, args: string[]): [string, string[]] =>
    user ? [user.prefix[0]!, [...user.prefix.slice(1), join(bin, tool), ...args]] : [join(bin, tool), args];
  const runTool = (tool: string, args: string[], what: string, input?: string): string => {
    const [cmd, argv] = command(tool, args);
    const result = spawnSync(cmd, argv, { encoding: 'utf8', input, cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
    if (result.status !== 0) throw new HarnessError(`${what} failed: ${(result.stderr || result.stdout || result.error?.message || '').trim().split('\n').slice(-5).join(' / ')}`);
    return result.stdout;
  };

  let server: ChildProcess | undefined;
  let postmasterPid: number | undefined;
  const stop = async (): Promise<void> => {
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      // SIGINT is Postgres' "fast" shutdown. runuser does not pass signals on, so they go to the
      // postmaster itself; SIGKILL if it has not stopped after 10 s.
      const signal = (name: NodeJS.Signals) => {
        try { process.kill(postmasterPid ?? server!.pid!, name); } catch { /* already gone */ }
      };
      signal('SIGINT');
      const timer = setTimeout(() => { signal('SIGKILL'); server!.kill('SIGKILL'); }, 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    runTool('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--no-instructions'], 'initdb');
    const port = await freePort();
    const [cmd, argv] = command('postgres', ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1',
      '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']);
    server = spawn(cmd, argv, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    server.stderr!.on('data', (chunk: Buffer) => { log = (log + chunk.toString()).slice(-4000); });
    await waitFor('Postgres', 30_000, () => {
      if (server!.exitCode !== null) throw new HarnessError(`Postgres exited: ${log.trim().split('\n').slice(-3).join(' / ')}`);
      return spawnSync(join(bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port)]).status === 0;
    });
    // runuser may stay between us and the postmaster: take the pid Postgres itself records.
    postmasterPid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const psql = (db: string, input: string, what: string) =>
      runTool('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', db, '-At'], what, input);
    psql('postgres', 'CREATE DATABASE litellm;', 'creating the litellm database');
    // One psql for all migrations (221 files); outside a transaction, as Prisma runs them, so
    // CREATE INDEX CONCURRENTLY works.
    psql('litellm', migrations.map((file) => `\\i '${file.replaceAll("'", "''")}'`).join('\n'), "applying LiteLLM's migrations");
    return {
      url: `postgresql://postgres@127.0.0.1:${port}/litellm`,
      port,
      pid: postmasterPid,
      sql: (statement) => psql('litellm', statement, 'sql'),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
