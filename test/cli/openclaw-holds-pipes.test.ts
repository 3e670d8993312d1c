// An `openclaw` on PATH that, like a CLI starting a daemon, leaves a child running with its
// stdout and stderr: ollm must take the answer and go on, not wait for that child. Before
// runProcess stopped at the helper's exit, key create, key write and doctor each hung until
// the child ended (100 s and more with the real one).
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { openWorld, json, type World } from '../support/fixture.ts';

let world: World;
let fake: FakeOpenClaw;

beforeEach(async () => {
  world = await openWorld();
  fake = fakeOpenClaw();
});
afterEach(async () => {
  fake.cleanup();
  await world.close();
});

/** Far beyond a passing run; a run that waits for the fake's children (600 s) fails here instead. */
const HANG_GUARD = { timeout: 120_000 };

interface FakeOpenClaw {
  /** The directory to put first on PATH. */
  bin: string;
  /** Each command line it was run with. */
  calls(): string[];
  /** The key it was given on stdin by `models auth paste-api-key`, if any. */
  pasted(): string | undefined;
  /** Store a key in its profile, as a paste would. */
  storeProfileKey(key: string): void;
  /** Pids of the children it left running, one per call. */
  children(): number[];
  cleanup(): void;
}

/**
 * A fake `openclaw` with one stored auth profile, `litellm:default`: `models status` shows the
 * key last pasted into it (OpenClaw's masked form), so a key write that reached it, input and
 * all, reads back as the keychain's key. Every call first starts `sleep 600` in the background.
 */
function fakeOpenClaw(): FakeOpenClaw {
  const dir = mkdtempSync(join(tmpdir(), 'ollm-fake-openclaw-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const state = (name: string) => join(dir, name);
  writeFileSync(join(bin, 'openclaw'), `#!/bin/sh
echo "$*" >> '${state('calls')}'
sleep 600 &
echo $! >> '${state('children')}'
case "$*" in
  "config validate --json") echo '{"valid":true,"issues":[]}' ;;
  "models status --json")
    label='sk-stale00...stale000'
    if [ -s '${state('pasted')}' ]; then
      key=$(cat '${state('pasted')}')
      label="$(printf %s "$key" | cut -c1-8)...$(printf %s "$key" | tail -c 8)"
    fi
    echo '{"auth":{"providers":[{"provider":"litellm","profiles":{"count":1,"labels":["litellm:default='"$label"'"]}}]}}' ;;
  "models auth paste-api-key --provider litellm --profile-id litellm:default") cat > '${state('pasted')}' ;;
  "secrets reload") echo 'no Gateway is running' >&2; exit 1 ;;
  *) echo "fake openclaw: not faked: $*" >&2; exit 2 ;;
esac
`);
  chmodSync(join(bin, 'openclaw'), 0o755);
  const lines = (name: string) => existsSync(state(name)) ? readFileSync(state(name), 'utf8').split('\n').filter(Boolean) : [];
  const children = () => lines('children').map(Number);
  return {
    bin,
    calls: () => lines('calls'),
    pasted: () => existsSync(state('pasted')) ? readFileSync(state('pasted'), 'utf8') : undefined,
    storeProfileKey: (key) => writeFileSync(state('pasted'), key),
    children,
    cleanup() {
      for (const pid of children()) {
        try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const env = () => world.env({ PATH: [fake.bin, process.env.PATH].join(delimiter) });

/** At least one child the fake left running is still there: the pipes really were held while ollm ran. */
function assertPipesStillHeld(): void {
  const running = fake.children().filter((pid) => {
    try { process.kill(pid, 0); return true; } catch { return false; }
  });
  assert.ok(running.length > 0, 'the fake\'s children are still running');
}

test('key create validates with openclaw and pastes the key into its profile, though each openclaw call leaves a child holding the pipes', HANG_GUARD, async () => {
  const result = await world.ollm(['key', 'create', '--write', 'openclaw'], { env: env() });
  assert.equal(result.code, 0, result.stderr);
  const key = world.heldKey('openclaw');
  assert.ok(key, 'the key is held');
  assert.equal(fake.pasted(), key, 'the key reached openclaw on stdin');
  assert.ok(fake.calls().includes('config validate --json'), fake.calls().join('\n'));
  assert.match(result.stdout, /updated OpenClaw's stored auth profile litellm:default/, 'read from `models status --json` while its pipes were held');
  assertPipesStillHeld();
});

test('key write validates with openclaw and pastes the key into its profile, though each openclaw call leaves a child holding the pipes', HANG_GUARD, async () => {
  assert.equal((await world.ollm(['key', 'create', '--write', 'none'], { env: env() })).code, 0);
  const result = await world.ollm(['key', 'write', '--write', 'openclaw'], { env: env() });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(fake.pasted(), world.heldKey('openclaw'));
  assert.ok(fake.calls().includes('config validate --json'), fake.calls().join('\n'));
  assert.match(result.stdout, /updated OpenClaw's stored auth profile litellm:default/);
  assertPipesStillHeld();
});

test('doctor reads openclaw\'s validation and profiles, though each openclaw call leaves a child holding the pipes', HANG_GUARD, async () => {
  // Set up without openclaw, so that only the doctor meets the fake.
  assert.equal((await world.ollm(['key', 'create', '--write', 'openclaw'], { env: world.env({ OLLM_OPENCLAW_BIN: '' }) })).code, 0);
  fake.storeProfileKey(world.heldKey('openclaw')!);
  const result = await world.ollm(['doctor', '--json'], { env: env() });
  assert.ok(fake.calls().includes('config validate --json'), fake.calls().join('\n'));
  const checks = json<{ checks: Array<{ id: string; status: string; message: string }> }>(result).checks;
  const check = (id: string) => checks.find((c) => c.id === id)!;
  assert.equal(check('openclaw-valid').status, 'ok', check('openclaw-valid').message);
  assert.match(check('openclaw-valid').message, /`openclaw config validate` accepts it/);
  assert.equal(check('openclaw-key').status, 'ok', check('openclaw-key').message);
  assert.match(check('openclaw-key').message, /stored auth profile litellm:default holds the keychain's key/, 'the profile read from `models status --json`');
  assertPipesStillHeld();
});
