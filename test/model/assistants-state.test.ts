// Model-based test of the assistant targets (Claude Code, Codex, pi, OpenCode), `key write --store`
// and `user add/remove`: random sequences of create, write (other styles, other stores), rotate,
// resume, revoke for each assistant, users added and removed, a target made read-only or damaged,
// proxy faults with hostile messages, and (in the second test) SIGKILLs at a request. After every
// step the per-alias invariants of test/support/key-invariants.ts (no key lost, the held key works,
// nothing printed acts on a terminal) and those of test/support/assistant-invariants.ts (no orphan
// key, every target parses with an independent reader and is 0600, a keyless style holds no key,
// the file points at a key that works) must hold.
//
// The first test runs in-process on the memory keychain; the second SIGKILLs commands, so its world
// is the real keychain, or where no Secret Service runs, the shared file store (fixture.ts).
// OLLM_MODEL_RUNS=<n> runs more sequences (default 6). A failure prints fast-check's seed and path
// and the steps run: replay with OLLM_MODEL_SEED=<seed> OLLM_MODEL_PATH=<path>.
// OLLM_MODEL_VERBOSE=1 prints every sequence.
import { test } from '../support/keyring-test.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/io/atomic-write.ts';
import fc from 'fast-check';
import { openWorld, type World } from '../support/fixture.ts';
import { killDuring } from '../support/kill-during.ts';
import { checkInvariants, fileStoreSecrets, observe } from '../support/key-invariants.ts';
import { ASSISTANTS, checkAssistantInvariants, ownJournals, STYLES, targetFile, type Assistant } from '../support/assistant-invariants.ts';
import { damage, repair, setLocked } from '../support/target-faults.ts';
import type { Hold } from '../support/litellm-server.ts';

const RUNS = Number(process.env.OLLM_MODEL_RUNS ?? 6);
const HOSTILE = process.env.OLLM_MODEL_HOSTILE !== '0';

/** What the generators need to know; refreshed from the real state after every step. */
interface Model {
  held: Set<Assistant>;
  /** The proxy's users. */
  users: Set<string>;
}

interface Real {
  world: World;
  log: string[];
  damaged: Map<string, string>;
  locked: Set<string>;
  /** Secrets printed to the user (`user add --reveal`): kept by whoever got them. */
  printed: Set<string>;
  enterprise: boolean;
}

type Cmd = fc.AsyncCommand<Model, Real>;

async function settle(model: Model, real: Real, output: string): Promise<void> {
  real.world.server.cancelHolds();
  for (const alias of ASSISTANTS) {
    const seen = observe(real.world, alias);
    if (seen.held) model.held.add(alias);
    else model.held.delete(alias);
    await checkInvariants(real.world, alias, output);
  }
  model.users = new Set(real.world.server.users().map((u) => u.user_id));
  await checkAssistantInvariants(real.world, { damaged: real.damaged, locked: real.locked });
}

function notePrinted(real: Real, stdout: string): void {
  for (const key of stdout.match(/sk-[A-Za-z0-9_-]{16,}/g) ?? []) real.printed.add(key);
}

/** `default` is the world's own store (the keychain, or the file store where no Secret Service runs). */
function storeFlags(world: World, store: 'default' | 'file'): string[] {
  return store === 'file' ? ['--store', 'file'] : world.storeFlags;
}

/** One CLI run as a command; `args` may depend on the world (its store flags). */
class Run implements Cmd {
  constructor(
    private readonly name: string,
    private readonly args: (w: World) => string[],
    private readonly when: (m: Model) => boolean = () => true,
    /** What must hold after this command in particular: a problem, or undefined. */
    private readonly then: (real: Real, code: number | null) => string | undefined = () => undefined,
  ) {}
  check(model: Readonly<Model>): boolean {
    return this.when(model as Model);
  }
  async run(model: Model, real: Real): Promise<void> {
    const args = this.args(real.world);
    const result = await real.world.ollm(args, { timeoutMs: 60_000 });
    notePrinted(real, result.stdout);
    real.log.push(`ollm ${args.join(' ')} → ${result.code}`);
    if (result.code !== 0 && result.code !== 1 && result.code !== 2) throw new Error(`ollm ${args.join(' ')} crashed (${result.code} ${result.signal}):\n${result.stderr}`);
    if (/failed unexpectedly|at .*\.js:\d+/.test(result.stderr)) throw new Error(`ollm ${args.join(' ')} printed a stack:\n${result.stderr}`);
    const problem = this.then(real, result.code);
    if (problem) throw new Error(`after ollm ${args.join(' ')} (exit ${result.code}): ${problem}`);
    await settle(model, real, result.stdout + result.stderr);
  }
  toString(): string {
    return this.name;
  }
}

/** SIGKILL a command while the proxy holds one of its requests. */
class Kill implements Cmd {
  constructor(private readonly name: string, private readonly args: (w: World) => string[], private readonly hold: Hold, private readonly when: (m: Model) => boolean = () => true) {}
  check(model: Readonly<Model>): boolean {
    return this.when(model as Model);
  }
  async run(model: Model, real: Real): Promise<void> {
    const killed = await killDuring(real.world, this.args(real.world), this.hold, real.world.env(), (stdout) => notePrinted(real, stdout));
    real.log.push(`${this} → ${killed ? 'killed' : 'finished first'}`);
    await settle(model, real, '');
  }
  toString(): string {
    return `kill ${this.name} at ${this.hold.method} ${this.hold.path} (${this.hold.when})`;
  }
}

class Toggle implements Cmd {
  constructor(private readonly name: string, private readonly apply: (r: Real) => void) {}
  check(): boolean { return true; }
  async run(model: Model, real: Real): Promise<void> {
    this.apply(real);
    real.log.push(this.name);
    await settle(model, real, '');
  }
  toString(): string { return this.name; }
}

const store = fc.constantFrom('default' as const, 'file' as const);
const holdPoint = fc.record({
  method: fc.constant('POST'),
  path: fc.constantFrom('/key/update', '/key/generate', '/key/delete', '/key/regenerate'),
  when: fc.constantFrom('before' as const, 'after' as const),
});
const when = fc.constantFrom('before' as const, 'after' as const);
const user = fc.constantFrom('alice', 'bob');
const held = (a: Assistant) => (m: Model) => m.held.has(a);
const notHeld = (a: Assistant) => (m: Model) => !m.held.has(a);

const proxyFault = fc.constantFrom('/key/generate', '/key/update', '/key/delete', '/user/new').map((path) => new Toggle(`proxy fault: next POST ${path} answers 500`, (r) => {
  r.world.server.override('POST', path, (_req, res) => {
    res.writeHead(500, { 'content-type': 'application/json' });
    const message = HOSTILE ? 'boom\u001b]0;pwned\u0007\u001b[2K✓ fine' : 'boom';
    res.end(JSON.stringify({ error: { message, type: 'internal_server_error', param: null, code: '500' } }));
  });
}));

/**
 * The commands of one sequence, about the assistants in `focus` (one or two: a sequence that
 * spreads over all four rarely holds the key a rotation or a kill needs).
 */
function arbitraries(focus: readonly Assistant[]) {
  const assistant = fc.constantFrom(...focus);
  const withStyle = assistant.chain((a) => fc.constantFrom(...STYLES[a].styles).map((s) => [a, s] as const));
  const storeName = (st: 'default' | 'file') => (st === 'file' ? 'file' : 'keychain');

  const create = (when: (a: Assistant) => (m: Model) => boolean) => fc.tuple(withStyle, store).map(([[a, s], st]) => new Run(
    `key create --for ${a} ${STYLES[a].flag} ${s} (${st} store)`,
    (w) => ['key', 'create', '--for', a, STYLES[a].flag, s, '--budget', '20', ...storeFlags(w, st)],
    when(a),
  ));
  const write = withStyle.map(([a, s]) => new Run(`key write --for ${a} ${STYLES[a].flag} ${s}`, () => ['key', 'write', '--for', a, STYLES[a].flag, s], held(a)));
  // A move alone, or with a style (pi's helper style needs the keychain: `--store file` goes with its file style).
  const move = fc.tuple(withStyle, store, fc.boolean()).map(([[a, s], st, styled]) => {
    const args = ['key', 'write', '--for', a, '--store', storeName(st), ...(styled ? [STYLES[a].flag, s] : [])];
    return new Run(args.join(' '), () => args, held(a), (real, code) => (code === 0 ? movedProblem(real.world, a, storeName(st)) : undefined));
  });
  const rotate = fc.tuple(assistant, fc.boolean()).map(([a, grace]) => new Run(`key rotate --for ${a}${grace ? ' --grace 1h' : ''}`, () => ['key', 'rotate', '--for', a, ...(grace ? ['--grace', '1h'] : [])], held(a)));

  /** Toggle a fault on an assistant's file (only once it exists; one fault at a time per file). */
  const targetFault = (kind: 'read-only' | 'damaged') => assistant.map((a) => new Toggle(`${a}'s file ${kind} on/off`, (r) => {
    const file = targetFile(r.world, a);
    if (!existsSync(file)) return;
    if (kind === 'read-only' && !r.damaged.has(file)) {
      if (r.locked.has(file)) r.locked.delete(file);
      else r.locked.add(file);
      setLocked(file, r.locked.has(file));
    } else if (kind === 'damaged' && !r.locked.has(file)) {
      if (r.damaged.has(file)) {
        repair(file);
        r.damaged.delete(file);
      } else {
        r.damaged.set(file, damage(file));
      }
    }
  }));

  /** What both tests run: every command of the assistants, stores and users, and target and proxy faults. */
  const commands = [
    create(notHeld), create(notHeld),
    create(() => () => true), // also where it must be refused: those paths count too
    write, write, move, move,
    assistant.map((a) => new InterruptedMove(a)),
    rotate, rotate, rotate,
    assistant.map((a) => new Run(`key rotate --resume --for ${a}`, () => ['key', 'rotate', '--resume', '--for', a])),
    assistant.map((a) => new Run(`key revoke --for ${a} --yes`, () => ['key', 'revoke', '--for', a, '--yes'])),
    fc.tuple(user, fc.boolean()).map(([u, reveal]) => new Run(`user add ${u}${reveal ? ' --reveal' : ''}`, () => ['user', 'add', u, '--budget', '5', ...(reveal ? ['--reveal'] : [])], (m) => !m.users.has(u))),
    user.map((u) => new Run(`user remove ${u} --yes`, () => ['user', 'remove', u, '--yes'], (m) => m.users.has(u))),
    fc.constantFrom(['user', 'add', 'alice', '--budget', '5'], ['user', 'remove', 'bob', '--yes'], ['user', 'list']).map((args) => new Run(`ollm ${args.join(' ')}`, () => [...args])),
    targetFault('read-only'),
    targetFault('damaged'),
    proxyFault,
    fc.constant(new Toggle('proxy: Enterprise on/off (regenerate or re-create)', (r) => { r.enterprise = !r.enterprise; r.world.server.setEnterprise(r.enterprise); })),
  ];

  const killRotate = fc.tuple(assistant, holdPoint, fc.boolean()).map(([a, h, grace]) => new Kill(`key rotate --for ${a}${grace ? ' --grace 1h' : ''}`, () => ['key', 'rotate', '--for', a, ...(grace ? ['--grace', '1h'] : [])], h, held(a)));
  /** pi and OpenCode ask the proxy for its models while writing: the request a write is killed at. */
  const modelAsking = focus.filter((a) => a === 'pi' || a === 'opencode');
  const writeKills = modelAsking.length === 0 ? [] : [
    fc.tuple(fc.constantFrom(...modelAsking), when).chain(([a, w]) => fc.constantFrom(...STYLES[a].styles).map((s) => new Kill(`key write --for ${a} ${STYLES[a].flag} ${s}`, () => ['key', 'write', '--for', a, STYLES[a].flag, s], { method: 'GET', path: '/v1/models', when: w }, held(a)))),
    fc.tuple(fc.constantFrom(...modelAsking), store, when).map(([a, st, w]) => new Kill(`key write --for ${a} --store ${storeName(st)}`, () => ['key', 'write', '--for', a, '--store', storeName(st)], { method: 'GET', path: '/v1/models', when: w }, held(a))),
  ];
  /** The SIGKILLs, for the test whose world shares its store with a process. */
  const kills = [
    killRotate, killRotate, killRotate, killRotate,
    fc.tuple(withStyle, store).map(([[a, s], st]) => new Kill(`key create --for ${a} ${STYLES[a].flag} ${s} (${st} store)`, (w) => ['key', 'create', '--for', a, STYLES[a].flag, s, '--budget', '20', ...storeFlags(w, st)], { method: 'POST', path: '/key/generate', when: 'after' }, notHeld(a))),
    ...writeKills,
    user.map((u) => new Kill(`user add ${u} --reveal`, () => ['user', 'add', u, '--budget', '5', '--reveal'], { method: 'POST', path: '/user/new', when: 'after' }, (m) => !m.users.has(u))),
    user.map((u) => new Kill(`user remove ${u} --yes`, () => ['user', 'remove', u, '--yes'], { method: 'POST', path: '/user/delete', when: 'before' }, (m) => m.users.has(u))),
  ];

  /** Every sequence starts with a key written for an assistant of the focus, so the rest has something to break. */
  const first = withStyle.map(([a, s]) => new Run(`key create --for ${a} ${STYLES[a].flag} ${s}`, (w) => ['key', 'create', '--for', a, STYLES[a].flag, s, '--budget', '20', ...w.storeFlags]));
  return { first, commands, kills };
}

/** After a `key write --store <to>` that succeeded, the key is kept there and nowhere else. */
function movedProblem(world: World, alias: Assistant, to: 'file' | 'keychain'): string | undefined {
  const account = `${alias}@${world.server.url}`;
  const inFile = fileStoreSecrets(world)[`ollm/${account}`] !== undefined;
  // On the shared file store world there is no keychain; elsewhere `entries` reads it (memory or real).
  const inKeychain = world.store !== 'file' && world.entries('ollm').has(account);
  if (to === 'file' && (!inFile || inKeychain)) return `the key is ${inFile ? 'in the file and still in the keychain' : 'not in the file'}`;
  if (to === 'keychain' && (!inKeychain || inFile)) return `the key is ${inKeychain ? 'in the keychain and still in the file' : 'not in the keychain'}`;
  return undefined;
}

/**
 * A `key write --store` cut short between its two steps (the new store written, the old copy not
 * yet removed): the held key is copied into the other store. Only on the memory keychain, which
 * the test can write as ollm does (a SIGKILL has no request to land on there).
 */
async function interruptedMove(real: Real, alias: Assistant): Promise<string> {
  const { world } = real;
  if (!world.keychain) return 'no memory keychain';
  const account = `${alias}@${world.server.url}`;
  const inFile = fileStoreSecrets(world)[`ollm/${account}`];
  const inKeychain = world.keychain.get('ollm', account);
  if (inFile && !inKeychain) {
    world.keychain.set('ollm', account, inFile);
    return 'file → keychain';
  }
  if (inKeychain && !inFile) {
    const file = join(world.home.env.XDG_STATE_HOME!, 'ollm', 'insecure-secrets.json');
    await writeFileAtomic(file, JSON.stringify({ version: 1, secrets: { ...fileStoreSecrets(world), [`ollm/${account}`]: inKeychain } }, null, 2), { dirMode: 0o700 });
    return 'keychain → file';
  }
  return 'nothing to move';
}

class InterruptedMove implements Cmd {
  constructor(private readonly alias: Assistant) {}
  check(model: Readonly<Model>): boolean { return model.held.has(this.alias); }
  async run(model: Model, real: Real): Promise<void> {
    real.log.push(`${this}: ${await interruptedMove(real, this.alias)}`);
    await settle(model, real, '');
  }
  toString(): string { return `key write --for ${this.alias} --store … cut short between its stores`; }
}

/** One or two assistants a sequence is about. */
const focus = fc.subarray([...ASSISTANTS], { minLength: 1, maxLength: 2 });

/**
 * Once the faults are gone (files writable and whole, the proxy answering), `key rotate --resume
 * --for` settles every interrupted rotation: no journal is left, and the invariants hold settled.
 */
async function recover(real: Real): Promise<void> {
  real.world.server.cancelHolds(); // also drops faults the sequence armed and never met
  for (const file of real.locked) setLocked(file, false);
  real.locked.clear();
  for (const file of real.damaged.keys()) repair(file);
  real.damaged.clear();
  for (const alias of ASSISTANTS) {
    if (ownJournals(real.world, alias, observe(real.world, alias)).length === 0) continue;
    const result = await real.world.ollm(['key', 'rotate', '--resume', '--for', alias], { timeoutMs: 60_000 });
    real.log.push(`(recovery) ollm key rotate --resume --for ${alias} → ${result.code}`);
    if (result.code !== 0) throw new Error(`the resume of ${alias}'s interrupted rotation failed without faults:\n${result.stdout}${result.stderr}`);
  }
  const left = ASSISTANTS.filter((alias) => ownJournals(real.world, alias, observe(real.world, alias)).length > 0);
  if (left.length) throw new Error(`rotations still interrupted after their resume: ${left.join(', ')}`);
  await settle({ held: new Set(), users: new Set() }, real, '');
}

async function runSequence(world: World, cmds: Cmd[]): Promise<void> {
  const real: Real = { world, log: [], damaged: new Map(), locked: new Set(), printed: new Set(), enterprise: false };
  try {
    await fc.asyncModelRun(() => ({ model: { held: new Set<Assistant>(), users: new Set<string>() }, real }), cmds);
    await recover(real);
  } catch (error) {
    throw new Error(`${(error as Error).message}\nsteps:\n  ${real.log.join('\n  ')}`);
  } finally {
    for (const file of real.locked) setLocked(file, false);
    if (process.env.OLLM_MODEL_VERBOSE) console.error(`sequence:\n  ${real.log.join('\n  ')}`);
    await world.close();
  }
}

function options(runs: number) {
  const seed = process.env.OLLM_MODEL_SEED ? Number(process.env.OLLM_MODEL_SEED) : undefined;
  const path = process.env.OLLM_MODEL_PATH;
  return { numRuns: runs, ...(seed !== undefined ? { seed } : {}), ...(path ? { path } : {}), endOnFailure: true, includeErrorInReport: true };
}

test('assistant keys, stores and users stay safe under random command sequences and faults (in-process)', { timeout: 30 * 60_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(focus.chain((f) => { const { first, commands } = arbitraries(f); return fc.tuple(first, fc.array(fc.oneof(...commands), { minLength: 6, maxLength: 16 })); }), async ([start, rest]) => {
      await runSequence(await openWorld(), [start, ...rest]);
    }),
    options(RUNS * 2),
  );
});

test('assistant keys, stores and users stay safe with SIGKILLs at any request (real keychain, else the shared file store)', { timeout: 30 * 60_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(focus.chain((f) => { const { first, commands, kills } = arbitraries(f); return fc.tuple(first, fc.array(fc.oneof(...commands, ...kills, ...kills), { minLength: 4, maxLength: 10 })); }), async ([start, rest]) => {
      await runSequence(await openWorld({ realKeychain: true }) /* it SIGKILLs commands */, [start, ...rest]);
    }),
    options(Math.max(1, Math.ceil(RUNS / 2))),
  );
});
