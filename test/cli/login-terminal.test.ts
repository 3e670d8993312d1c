// `ollm login` at a terminal: the prompt names the proxy before asking, and the hidden prompt
// takes keys such as arrows as keys, not as characters of the master key.
import { beforeEach, afterEach } from 'node:test';
import { test } from '../support/keyring-test.ts';
import assert from 'node:assert/strict';
import { openWorld, type World } from '../support/fixture.ts';
import { needsSecretService } from '../support/cli.ts';
import { startInTerminal } from '../support/terminal.ts';

let world: World;

beforeEach(async () => { world = await openWorld({ spawned: true }) /* a pseudo-terminal needs a process */; });
afterEach(async () => { await world.close(); });

test('login names the proxy before asking; arrows, Home/End and Delete are not added to the key', needsSecretService, async () => {
  const master = world.server.masterKey!;
  const session = startInTerminal(['login'], world.env({ LITELLM_MASTER_KEY: undefined }));
  await session.waitFor(new RegExp(`LiteLLM key for ${world.server.url.replace(/[./]/g, '\\$&')} \\(the master key, or your user key\\): `));
  const half = Math.floor(master.length / 2);
  // Left, Up, Home (CSI), End (SS3), Delete (CSI ~): none of it is part of the key.
  session.type(`${master.slice(0, half)}\u001b[D\u001b[A\u001b[H\u001bOF\u001b[3~${master.slice(half)}\r`);
  const result = await session.done;
  assert.equal(result.code, 0, result.stdout);
  assert.match(result.stdout, /✓ Master key for .* verified and saved/);
  assert.ok(!result.stdout.includes(master), 'typed without echo');
  // The saved key is exactly the master key: a command that needs it works without the variable.
  const listed = await world.ollm(['key', 'list', '--json'], { env: world.env({ LITELLM_MASTER_KEY: undefined }) });
  assert.equal(listed.code, 0, listed.stderr);
  assert.ok(world.server.requests.at(-1)!.authKey === master, 'the saved master key was sent as typed');
});
