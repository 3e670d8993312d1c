// `ollm setup`: the interactive first run under a pseudo-terminal, and its refusal on a pipe.
import { beforeEach, afterEach } from 'node:test';
import { test } from '../support/keyring-test.ts';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorld, json, type World } from '../support/fixture.ts';
import { snapshotTree, needsSecretService } from '../support/cli.ts';
import { startInTerminal } from '../support/terminal.ts';
import { lookupSecret } from '../support/secret-service.ts';

let world: World;

beforeEach(async () => { world = await openWorld({ spawned: true }) /* a pseudo-terminal needs a process, and setup re-enters the CLI with the real services */; });
afterEach(async () => { await world.close(); });

const CLEAR_LINE = '\u0015';

test('on a pipe setup refuses with exit 2 and prints the equivalent commands; nothing is created', async () => {
  const before = snapshotTree(world.home.dir);
  const result = await world.ollm(['setup']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /needs a terminal/);
  assert.ok(result.stderr.includes(`ollm key create --proxy-url ${world.server.url} --alias openclaw --budget 50 --monthly --write openclaw --openclaw-style litellm`), result.stderr);
  assert.ok(result.stderr.includes(`ollm doctor --proxy-url ${world.server.url} --alias openclaw`), result.stderr);
  assert.equal(world.server.keys().length, 0);
  assert.deepEqual(snapshotTree(world.home.dir), before);

  const asJson = await world.ollm(['setup', '--json']);
  assert.equal(asJson.code, 2);
  assert.match(json(asJson).error.message, /no --json form/);
});

test('a first run on a terminal: probes the URL as typed, validates answers, creates the key, runs doctor, prints the command', needsSecretService, async () => {
  const session = startInTerminal(['setup'], world.env(), { timeoutMs: 60_000 });
  await session.waitFor(/LiteLLM proxy URL: /);
  // The default (from LITELLM_PROXY_URL) is probed at once.
  await session.waitFor(/✓ LiteLLM proxy answers/);
  session.type(`${CLEAR_LINE}http://127.0.0.1:9`);
  await session.waitFor(/✗ nothing answers there/);
  session.type('\r'); // refused: the probe failed
  session.type(`${CLEAR_LINE}${world.server.url}`);
  await session.waitFor(/✓ LiteLLM proxy answers/);
  session.type('\r');
  await session.waitFor(/Key alias: /);
  session.type('bad alias!\r');
  await session.waitFor(/✗ The alias "bad alias!" contains characters/);
  session.type(`${CLEAR_LINE}laptop\r`);
  await session.waitFor(/Budget in USD/);
  session.type('abc\r');
  await session.waitFor(/✗ The budget "abc" is not an amount/);
  session.type(`${CLEAR_LINE}20\r`);
  await session.waitFor(/Budget resets/);
  session.type('\r'); // monthly, the default
  await session.waitFor(/Write the key to/);
  session.type('\r'); // openclaw
  await session.waitFor(/How OpenClaw gets the key/);
  session.type('\r'); // litellm
  const result = await session.done;
  const shown = result.stdout;

  const [key] = world.server.keys();
  assert.equal(world.server.keys().length, 1, shown);
  assert.equal(key!.key_alias, 'laptop');
  assert.equal(key!.max_budget, 20);
  assert.equal(key!.budget_duration, '1mo');
  assert.equal(world.heldKey('laptop'), key!.key, 'kept in the keychain');
  const config = readFileSync(join(world.home.dir, '.openclaw', 'openclaw.json'), 'utf8');
  assert.ok(config.includes(key!.key), 'written where OpenClaw reads it');
  assert.match(shown, /Using the master key from LITELLM_MASTER_KEY/);
  const command = `ollm key create --proxy-url ${world.server.url} --alias laptop --budget 20 --monthly --write openclaw --openclaw-style litellm`;
  assert.ok(shown.includes(`Next time`) && shown.includes(command), shown);
  assert.ok(shown.includes(`ollm doctor --proxy-url ${world.server.url} --alias laptop`), shown);
  // The alias becomes ollm's default; the proxy URL already comes from LITELLM_PROXY_URL.
  const saved = JSON.parse(readFileSync(join(world.home.dir, '.config', 'ollm', 'config.json'), 'utf8'));
  assert.deepEqual(saved, { alias: 'laptop' });
  assert.ok(shown.includes('ollm config set alias laptop'), shown);
  const info = await world.ollm(['key', 'info', '--json']);
  assert.equal(json(info).key_alias, 'laptop', 'later commands find the key without --alias');
  assert.ok(!shown.includes(key!.key), 'the new key is masked');
  assert.ok(!shown.includes(world.server.masterKey!), 'the master key is never shown');
  // setup's exit status is the doctor's.
  const doctor = await world.ollm(['doctor', '--alias', 'laptop']);
  assert.equal(result.code, doctor.code, `${shown}\n---\n${doctor.stdout}${doctor.stderr}`);
});

test('without LITELLM_MASTER_KEY setup asks for it hidden, retries a wrong one, and keeps the right one', needsSecretService, async () => {
  const master = world.server.masterKey!;
  const env = world.env({ LITELLM_MASTER_KEY: undefined, LITELLM_PROXY_URL: undefined });
  const session = startInTerminal(['setup'], env, { timeoutMs: 60_000 });
  await session.waitFor(/LiteLLM proxy URL: /);
  session.type(`${CLEAR_LINE}${world.server.url}`);
  await session.waitFor(/✓ LiteLLM/);
  session.type('\r');
  for (const question of [/Key alias: /, /Budget in USD/, /Budget resets/, /Write the key to/]) {
    await session.waitFor(question);
    session.type(question.source.startsWith('Write') ? `${CLEAR_LINE}none\r` : '\r');
  }
  await session.waitFor(/LiteLLM key for http:\/\/127\.0\.0\.1:\d+ \(the master key, or your user key\): /);
  session.type('sk-wrong-guess-1234\r');
  await session.waitFor(/master key/i);
  await session.waitFor(/LiteLLM key for http:\/\/127\.0\.0\.1:\d+ \(the master key, or your user key\): /);
  session.type(`${master}\r`);
  const result = await session.done;
  assert.ok(!result.stdout.includes(master), 'typed without echo');
  assert.ok(!result.stdout.includes('sk-wrong-guess-1234'), 'typed without echo');
  assert.equal(lookupSecret(world.env(), 'ollm-master', world.server.url), master, 'saved like `ollm login` does');
  assert.equal(world.server.keys().length, 1, result.stdout);
  assert.equal(world.server.keys()[0]!.key_alias, 'openclaw');
  assert.equal(world.server.keys()[0]!.max_budget, 50);
  assert.ok(!existsSync(join(world.home.dir, '.openclaw')), '--write none writes no OpenClaw config');
  assert.ok(result.stdout.includes(`--write none`), result.stdout);
  assert.ok(!result.stdout.includes('--openclaw-style'), 'no style without OpenClaw');
  // The typed proxy URL becomes ollm's default, so later commands need neither flag nor variable.
  assert.ok(result.stdout.includes(`ollm config set proxy-url ${world.server.url}`), result.stdout);
  const info = await world.ollm(['key', 'info', '--json'], { env });
  assert.equal(info.code, 0, info.stderr);
  assert.equal(json(info).proxy_url, world.server.url);
});

test('Ctrl-C at a question stops with exit 130 and changes nothing', needsSecretService, async () => {
  const before = snapshotTree(world.home.dir);
  const session = startInTerminal(['setup'], world.env());
  await session.waitFor(/✓ LiteLLM/);
  session.type('\r');
  await session.waitFor(/Key alias: /);
  session.type('\u0003');
  const result = await session.done;
  assert.equal(result.code, 130, result.stdout);
  assert.match(result.stdout, /Cancelled/);
  assert.equal(world.server.keys().length, 0);
  assert.deepEqual(snapshotTree(world.home.dir), before);
});

test('setup again for a key held here: asks what to do instead of creating it; rewrite writes it, rotate rotates it, keep changes nothing', needsSecretService, async () => {
  assert.equal((await world.ollm(['key', 'create', '--budget', '5', '--write', 'none'])).code, 0);
  const first = world.heldKey('openclaw')!;
  const rerun = async (action: string, more: string[] = []) => {
    const session = startInTerminal(['setup'], world.env(), { timeoutMs: 60_000 });
    await session.waitFor(/✓ LiteLLM proxy answers/);
    session.type('\r');
    await session.waitFor(/Key alias: /);
    session.type('\r');
    await session.waitFor(/already holds the key "openclaw" for http:\/\/127\.0\.0\.1:\d+\. .*\(rewrite, rotate, keep\)/);
    session.type(`${CLEAR_LINE}${action}\r`);
    for (const answer of more) {
      await session.waitFor(/Write the key to|How OpenClaw gets the key/);
      session.type(answer);
    }
    return session.done;
  };

  const kept = await rerun('keep');
  assert.equal(kept.code, 0, kept.stdout);
  assert.match(kept.stdout, /Nothing changed/);
  assert.doesNotMatch(kept.stdout, /Budget in USD/, 'no budget question for a key that exists');
  assert.equal(world.heldKey('openclaw'), first);

  const rewritten = await rerun('rewrite', ['\r', '\r']);
  assert.match(rewritten.stdout, /ollm key write --proxy-url \S+ --alias openclaw --write openclaw --openclaw-style litellm/);
  const config = readFileSync(join(world.home.dir, '.openclaw', 'openclaw.json'), 'utf8');
  assert.ok(config.includes(first), 'the held key is written where OpenClaw reads it');
  assert.equal(world.server.keys().length, 1, 'no second key');

  const rotated = await rerun('rotate');
  assert.match(rotated.stdout, /ollm key rotate --proxy-url \S+ --alias openclaw/);
  assert.notEqual(world.heldKey('openclaw'), first, 'rotated');
  assert.equal(world.server.keys().length, 1);
});

test('the budget typed is the next setup\'s default, with its period', needsSecretService, async () => {
  const run = async (alias: string, budget: string | null, period: string | null) => {
    const session = startInTerminal(['setup'], world.env(), { timeoutMs: 60_000 });
    await session.waitFor(/✓ LiteLLM proxy answers/);
    session.type('\r');
    await session.waitFor(/Key alias: /);
    session.type(`${CLEAR_LINE}${alias}\r`);
    // The value offered is shown dim: escapes between question and value.
    await session.waitFor(budget === null ? /Budget in USD \("none" for no limit\): (\u001b\[\d+m)*20/ : /Budget in USD/);
    session.type(budget === null ? '\r' : `${CLEAR_LINE}${budget}\r`);
    await session.waitFor(period === null ? /Budget resets \([^)]*\): (\u001b\[\d+m)*weekly/ : /Budget resets/);
    session.type(period === null ? '\r' : `${CLEAR_LINE}${period}\r`);
    await session.waitFor(/Write the key to/);
    session.type(`${CLEAR_LINE}none\r`);
    return session.done;
  };
  // (Both exit as their doctor does: with --write none OpenClaw has no config, so not 0.)
  const first = await run('first', '20', 'weekly');
  assert.ok(world.server.findByAlias('first'), first.stdout);
  const second = await run('second', null, null); // Enter twice: the remembered answers
  const key = world.server.findByAlias('second')!;
  assert.ok(key, second.stdout);
  assert.ok(second.stdout.includes('ollm key create --proxy-url'), second.stdout);
  assert.match(second.stdout, /--alias second --budget 20 --weekly --write none/);
  assert.equal(key.max_budget, 20);
  assert.equal(key.budget_duration, '7d');
});
