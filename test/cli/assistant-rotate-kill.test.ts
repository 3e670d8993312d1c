// The kill matrix for a rotation that rewrites an assistant's file (Codex's and Claude Code's file
// styles hold the key itself): SIGKILLed at every remote step, then resumed (`--resume --for`), the file names the one
// key ollm holds, that key works, the file still parses (smol-toml / JSON.parse) and is 0600, and no
// key is lost or left behind. On the real keychain where a Secret Service runs, else on the shared
// file store (fixture.ts).
import { afterEach, beforeEach, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { killsProcess, killTest, openWorld, type World } from '../support/fixture.ts';
import { killDuring, ROTATION_KILL_POINTS } from '../support/kill-during.ts';
import { checkInvariants } from '../support/key-invariants.ts';
import { checkAssistantInvariants, parseTarget, targetFile, type Assistant } from '../support/assistant-invariants.ts';

let world: World;

beforeEach(async (t) => { world = await openWorld({ realKeychain: killsProcess(t) }); });
afterEach(async () => { await world.close(); });

/** The key the assistant's file holds, read with an independent parser. */
const keyInFile: Record<'codex' | 'claude-code', (config: any) => unknown> = {
  codex: (config) => config.model_providers?.ollm?.experimental_bearer_token,
  'claude-code': (config) => config.env?.ANTHROPIC_AUTH_TOKEN,
};

const FILE_STYLE: Record<'codex' | 'claude-code', string[]> = {
  codex: ['--codex-style', 'file'],
  'claude-code': ['--claude-style', 'file'],
};

for (const assistant of ['codex', 'claude-code'] as const satisfies readonly Assistant[]) {
  describe(`${assistant} file style: SIGKILL at every remote step of its rotation, then resume`, () => {
    // Their rotation keeps the old key for the assistant's grace (retired with an expiry), so it never deletes it.
    for (const { name, enterprise, hold } of ROTATION_KILL_POINTS.filter((p) => p.hold.path !== '/key/delete')) {
      killTest(name, {}, async () => {
        world.server.setEnterprise(enterprise);
        const created = await world.ollm(['key', 'create', '--for', assistant, ...FILE_STYLE[assistant], '--budget', '20', ...world.storeFlags]);
        assert.equal(created.code, 0, created.stderr);
        const old = world.heldKey(assistant)!;
        assert.ok(await killDuring(world, ['key', 'rotate', '--for', assistant], hold), `the rotation exited before reaching ${hold.method} ${hold.path}`);

        const resumed = await world.ollm(['key', 'rotate', '--resume', '--for', assistant, '--json']);
        assert.equal(resumed.code, 0, `${resumed.stdout}\n${resumed.stderr}`);

        const held = world.heldKey(assistant);
        assert.ok(held, 'a key is held after the resume');
        const file = targetFile(world, assistant);
        assert.equal(keyInFile[assistant](parseTarget(assistant, readFileSync(file, 'utf8'))), held, `${file} holds the key ollm holds`);
        assert.equal(statSync(file).mode & 0o777, 0o600);
        const works = await fetch(`${world.server.url}/key/info`, { headers: { authorization: `Bearer ${held}` } });
        assert.equal(works.status, 200, 'the key in the file works on the proxy');
        assert.equal(world.server.keys().filter((k) => k.key_alias === assistant).length, 1, 'one key has the alias');
        if (held !== old) {
          // The old key is gone, or retired with an expiry (the assistant's grace).
          const left = world.server.keys().find((k) => k.key === old);
          assert.ok(!left || (left.key_alias !== assistant && left.expires !== null), 'the old key does not live on unretired');
        }
        await checkInvariants(world, assistant, resumed.stdout + resumed.stderr);
        await checkAssistantInvariants(world, { damaged: new Map(), locked: new Set() });
      });
    }
  });
}
