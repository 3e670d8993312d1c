// Model-based test of key state (issue 12): one alias held here and one fleet key held elsewhere;
// random sequences of create, write, update (block, unblock, budget; also racing a killed rotation),
// rotate, fleet --reveal, revoke, resume, a create applied late, SIGKILLs at a
// request, a read-only or oversized config and proxy faults, with the invariants of
// test/support/key-invariants.ts checked after every step.
//
// OLLM_MODEL_RUNS=<n> runs more sequences (default 6, about 30 s here). A failure prints
// fast-check's seed and path and the steps run: replay with OLLM_MODEL_SEED=<seed>
// OLLM_MODEL_PATH=<path>. OLLM_MODEL_VERBOSE=1 prints every sequence.
import { test } from '../support/keyring-test.ts';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { openWorld, type World } from '../support/fixture.ts';
import { needsSecretService, OLLM } from '../support/cli.ts';
import { killDuring } from '../support/kill-during.ts';
import { checkInvariants, observe } from '../support/key-invariants.ts';
import type { Hold } from '../support/litellm-server.ts';
import { setLocked } from '../support/target-faults.ts';

const ALIAS = 'openclaw';
const RUNS = Number(process.env.OLLM_MODEL_RUNS ?? 6);
// Proxy errors carry terminal controls unless OLLM_MODEL_HOSTILE=0: the invariant is that none is printed raw.
const HOSTILE = process.env.OLLM_MODEL_HOSTILE !== '0';

/** What the generators need to know; refreshed from the real state after every step. */
interface Model {
  held: boolean;
  interrupted: boolean;
  readonly: boolean;
  enterprise: boolean;
}

interface Real {
  world: World;
  log: string[];
  /** Secrets of the fleet key printed with --reveal (its holder is another machine). */
  printed: Set<string>;
  /** OpenClaw's config is made unwritable (a permission change on a target). */
  locked?: boolean;
  /** The user blocked the alias's key (`key update --block`): no key of its lineage may work. */
  blocked: boolean;
}

const FLEET = 'fleet-a';

type Cmd = fc.AsyncCommand<Model, Real>;

function env(model: Model, real: Real): NodeJS.ProcessEnv {
  return real.world.env(model.readonly ? { OPENCLAW_CONFIG_READONLY: '1' } : {});
}

async function settle(model: Model, real: Real, output: string): Promise<void> {
  real.world.server.cancelHolds();
  const seen = observe(real.world, ALIAS);
  model.held = seen.held !== undefined;
  model.interrupted = seen.journals.length > 0;
  // Nothing of the alias left here (revoked, never made): the next key starts unblocked.
  if (!seen.held && !seen.pending && seen.journals.length === 0) real.blocked = false;
  await checkInvariants(real.world, ALIAS, output, new Set(), { blocked: real.blocked });
  await checkInvariants(real.world, FLEET, '', real.printed);
}

/** What a finished command asked about blocking: `key update --block` / `--unblock` that succeeded. */
function noteBlocking(real: Real, args: string[], code: number | null): void {
  if (code !== 0 || args[1] !== 'update') return;
  if (args.includes('--block')) real.blocked = true;
  if (args.includes('--unblock')) real.blocked = false;
}

/** `--reveal --json` output: remember the fleet secrets it printed. */
function notePrinted(real: Real, stdout: string): void {
  try {
    for (const r of (JSON.parse(stdout) as { results?: Array<{ key_alias: string; new_key?: string }> }).results ?? []) {
      if (r.key_alias === FLEET && r.new_key?.startsWith('sk-') && !r.new_key.includes('…')) real.printed.add(r.new_key);
    }
  } catch { /* not JSON: an error, nothing printed */ }
}

/** One CLI run as a command. */
class Run implements Cmd {
  constructor(private readonly args: string[], private readonly when: (m: Model) => boolean = () => true) {}
  check(model: Readonly<Model>): boolean {
    return this.when(model as Model);
  }
  async run(model: Model, real: Real): Promise<void> {
    const result = await real.world.ollm(this.args, { env: env(model, real), timeoutMs: 60_000 });
    if (this.args.includes('--reveal')) notePrinted(real, result.stdout);
    noteBlocking(real, this.args, result.code);
    real.log.push(`${this.toString()} → ${result.code}`);
    if (result.code !== 0 && result.code !== 1 && result.code !== 2) throw new Error(`${this} crashed (${result.code} ${result.signal}):\n${result.stderr}`);
    if (/failed unexpectedly|at .*\.js:\d+/.test(result.stderr)) throw new Error(`${this} printed a stack:\n${result.stderr}`);
    await settle(model, real, result.stdout + result.stderr);
  }
  toString(): string {
    return `ollm ${this.args.join(' ')}`;
  }
}

/** SIGKILL a command while the proxy holds one of its requests. */
class Kill implements Cmd {
  constructor(private readonly args: string[], private readonly hold: Hold, private readonly when: (m: Model) => boolean) {}
  check(model: Readonly<Model>): boolean {
    return this.when(model as Model);
  }
  async run(model: Model, real: Real): Promise<void> {
    const killed = await killDuring(real.world, this.args, this.hold, env(model, real), (stdout) => notePrinted(real, stdout));
    real.log.push(`${this} → ${killed ? 'killed' : 'finished first'}`);
    await settle(model, real, '');
  }
  toString(): string {
    return `kill ${this.args.join(' ')} at ${this.hold.method} ${this.hold.path} (${this.hold.when})`;
  }
}

/** A rotation holds the lock (the proxy holds one of its requests), `key update` starts, the rotation is SIGKILLed. */
class UpdateRacingRotation implements Cmd {
  constructor(private readonly update: string[], private readonly hold: Hold) {}
  check(model: Readonly<Model>): boolean {
    return model.held;
  }
  async run(model: Model, real: Real): Promise<void> {
    const { held } = real.world.server.hold(this.hold);
    const rotation = spawn(process.execPath, [OLLM, 'key', 'rotate'], { env: env(model, real), stdio: 'ignore' });
    const closed = new Promise<void>((resolve) => rotation.once('close', () => resolve()));
    const reached = await Promise.race([held.then(() => true), closed.then(() => false)]);
    const updating = real.world.ollm(['key', 'update', ...this.update], { env: env(model, real), timeoutMs: 60_000 });
    if (reached) rotation.kill('SIGKILL');
    await closed;
    const result = await updating;
    noteBlocking(real, ['key', 'update', ...this.update], result.code);
    real.log.push(`${this} → rotation ${reached ? 'killed' : 'finished first'}, update ${result.code}`);
    if (/failed unexpectedly|at .*\.js:\d+/.test(result.stderr)) throw new Error(`${this} printed a stack:\n${result.stderr}`);
    await settle(model, real, result.stdout + result.stderr);
  }
  toString(): string {
    return `key update ${this.update.join(' ')} racing key rotate (held at ${this.hold.method} ${this.hold.path}, ${this.hold.when}; then killed)`;
  }
}

/** `key create` times out while the proxy holds its /key/generate, which the proxy then applies late. */
class LateCreate implements Cmd {
  check(model: Readonly<Model>): boolean {
    return !model.held;
  }
  async run(model: Model, real: Real): Promise<void> {
    const { held, release } = real.world.server.hold({ method: 'POST', path: '/key/generate', when: 'before' });
    let reached = false;
    void held.then(() => { reached = true; });
    const result = await real.world.ollm(['key', 'create', '--budget', '20', '--timeout', '1'], { env: env(model, real), timeoutMs: 60_000 });
    if (reached) await release(); // held before the command ended: the proxy finishes it now
    real.log.push(`${this} → ${result.code}${reached ? ', applied late' : ', not reached'}`);
    await settle(model, real, result.stdout + result.stderr);
  }
  toString(): string {
    return 'key create --timeout 1, its /key/generate applied after the timeout';
  }
}

class Toggle implements Cmd {
  constructor(private readonly name: string, private readonly apply: (m: Model, r: Real) => void) {}
  check(): boolean { return true; }
  async run(model: Model, real: Real): Promise<void> {
    this.apply(model, real);
    real.log.push(this.name);
  }
  toString(): string { return this.name; }
}

const style = fc.constantFrom('litellm', 'anthropic', 'keychain');
const targets = fc.constantFrom('openclaw', 'openclaw,profile', 'openclaw,dotenv', 'openclaw,profile,dotenv', 'profile', 'none');
const holdPoint = fc.record({
  method: fc.constant('POST'),
  path: fc.constantFrom('/key/update', '/key/generate', '/key/delete', '/key/regenerate'),
  when: fc.constantFrom('before' as const, 'after' as const),
});

const create = fc.tuple(style, targets).map(([s, t]) => new Run(['key', 'create', '--openclaw-style', s, '--write', t, '--budget', '20']));
const killRotate = fc.tuple(holdPoint, fc.boolean()).map(([h, grace]) => new Kill(['key', 'rotate', ...(grace ? ['--grace', '1h'] : [])], h, (m) => m.held));
/** A comment that takes a config past the 5 MB ollm edits (its own line, so removing it restores the file). */
const BIG = `// ${'x'.repeat(5 * 1024 * 1024 + 16)}\n`;
// Every sequence starts with a key written to OpenClaw, so the rest has something to break.
const first = fc.tuple(style, fc.constantFrom('openclaw', 'openclaw,profile', 'openclaw,dotenv', 'openclaw,profile,dotenv'))
  .map(([s, t]) => new Run(['key', 'create', '--openclaw-style', s, '--write', t, '--budget', '20']));
const commands = [
  create, create, // commands also run where they must be refused: those paths count too

  style.map((s) => new Run(['key', 'write', '--openclaw-style', s])),
  fc.tuple(style, targets).map(([s, t]) => new Run(['key', 'write', '--openclaw-style', s, '--write', t])),
  fc.boolean().map((grace) => new Run(['key', 'rotate', ...(grace ? ['--grace', '1h'] : [])])),
  fc.constant(new Run(['key', 'rotate', '--resume'])),
  fc.constant(new Run(['key', 'revoke', '--yes'])),
  killRotate, killRotate,
  fc.constant(new Kill(['key', 'rotate'], { method: 'GET', path: '/v1/models', when: 'before' }, (m) => m.held)),
  fc.constant(new Kill(['key', 'create'], { method: 'POST', path: '/key/generate', when: 'after' }, (m) => !m.held)),
  fc.constant(new LateCreate()),
  fc.constantFrom(['--block'], ['--unblock'], ['--budget', '7']).map((flags) => new Run(['key', 'update', ...flags])),
  fc.constant(new Run(['key', 'update', '--block'])),
  fc.tuple(fc.constantFrom(['--block'], ['--unblock', '--budget', '9']), holdPoint).map(([flags, h]) => new UpdateRacingRotation([...flags], h)),
  style.map((s) => new Kill(['key', 'write', '--openclaw-style', s], { method: 'GET', path: '/v1/models', when: 'before' }, (m) => m.held)),
  fc.constant(new Toggle('OpenClaw config immutable (chattr +i, else chmod 444) on/off', (_m, r) => {
    const file = join(r.world.home.dir, '.openclaw', 'openclaw.json');
    if (existsSync(file)) r.locked = setLocked(file, !r.locked);
  })),
  fc.constant(new Toggle('OpenClaw config over 5 MB on/off', (m, r) => {
    const file = join(r.world.home.dir, '.openclaw', 'openclaw.json');
    if (!existsSync(file) || r.locked) return;
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.startsWith(BIG) ? text.slice(BIG.length) : BIG + text);
  })),
  fc.constant(new Run(['key', 'rotate', '--match', 'fleet-*', '--reveal', '--json'])),
  fc.boolean().map((reveal) => new Run(['key', 'rotate', '--resume', '--alias', FLEET, '--json', ...(reveal ? ['--reveal'] : [])])),
  holdPoint.map((h) => new Kill(['key', 'rotate', '--match', 'fleet-*', '--reveal', '--json'], h, () => true)),
  fc.constant(new Toggle('proxy: Enterprise on/off (regenerate or re-create)', (m, r) => { m.enterprise = !m.enterprise; r.world.server.setEnterprise(m.enterprise); })),
  fc.constant(new Toggle('OpenClaw config read-only on/off', (m) => { m.readonly = !m.readonly; })),
  fc.constantFrom('/key/generate', '/key/update', '/key/delete').map((path) => new Toggle(`proxy fault: next POST ${path} answers 500`, (_m, r) => {
    r.world.server.override('POST', path, (_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      const message = HOSTILE ? 'boom\u001b]0;pwned\u0007\u001b[2K✓ fine' : 'boom';
      res.end(JSON.stringify({ error: { message, type: 'internal_server_error', param: null, code: '500' } }));
    });
  })),
];

test('key state stays safe under random command sequences, kills and faults', { ...needsSecretService, timeout: 30 * 60_000 }, async () => {
  const seed = process.env.OLLM_MODEL_SEED ? Number(process.env.OLLM_MODEL_SEED) : undefined;
  const path = process.env.OLLM_MODEL_PATH;
  await fc.assert(
    fc.asyncProperty(first, fc.array(fc.oneof(...commands), { minLength: 4, maxLength: 10 }), async (start, rest) => {
      const cmds = [start, ...rest];
      const real: Real = { world: await openWorld({ realKeychain: true }) /* it SIGKILLs commands */, log: [], printed: new Set(), locked: false, blocked: false };
      // A fleet key held by another machine: only --reveal rotations may touch it.
      real.printed.add(real.world.server.addKey({ key_alias: FLEET, max_budget: 5 }).key);
      try {
        await fc.asyncModelRun(() => ({ model: { held: false, interrupted: false, readonly: false, enterprise: false }, real }), cmds);
      } catch (error) {
        throw new Error(`${(error as Error).message}\nsteps:\n  ${real.log.join('\n  ')}`);
      } finally {
        if (real.locked) setLocked(join(real.world.home.dir, '.openclaw', 'openclaw.json'), false);
        if (process.env.OLLM_MODEL_VERBOSE) console.error(`sequence:\n  ${real.log.join('\n  ')}`);
        await real.world.close();
      }
    }),
    { numRuns: RUNS, ...(seed !== undefined ? { seed } : {}), ...(path ? { path } : {}), endOnFailure: true, includeErrorInReport: true },
  );
});
