// `ollm doctor --for claude-code`: the key Claude Code will really send, by its own precedence
// (the shell's ANTHROPIC_AUTH_TOKEN / ANTHROPIC_API_KEY, project and local settings in the current
// folder, apiKeyHelper, a claude.ai login), with a fix per problem; and the helper run as Claude
// Code runs it (/bin/sh -c, a bare environment), its answer checked against the proxy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorld, json, type World } from '../support/fixture.ts';
import { OLLM, type RunResult } from '../support/cli.ts';

let world: World;
let settingsFile: string;
let original: string;
before(async () => {
  // Spawned: the doctor runs the helper as Claude Code does. Without a Secret Service the world keeps
  // keys in the shared file store (storeFlags), which the helper reads the same way.
  world = await openWorld({ spawned: true });
  const created = await world.ollm(['key', 'create', '--for', 'claude-code', ...world.storeFlags]);
  assert.equal(created.code, 0, created.stderr);
  settingsFile = join(world.home.dir, '.claude', 'settings.json');
  original = readFileSync(settingsFile, 'utf8');
});
after(async () => { await world?.close(); });

interface Check { id: string; status: string; message: string; fix: string | null }

/** The doctor, spawned in `cwd` (Claude Code reads project settings from the folder it starts in). */
function doctor(options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<Map<string, Check>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [OLLM, 'doctor', '--for', 'claude-code', '--json'], { env: world.env(options.env), cwd: options.cwd ?? world.home.dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => { stdout += c; });
    child.stderr.on('data', (c) => { stderr += c; });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const result: RunResult = { code, signal, stdout, stderr };
      try {
        resolve(new Map((json(result).checks as Check[]).map((c) => [c.id, c])));
      } catch (error) {
        reject(new Error(`doctor printed no JSON (${code}): ${stdout}\n${stderr}`, { cause: error }));
      }
    });
  });
}

test('as written by key create, every Claude Code check passes and the helper, run by /bin/sh -c, prints the key the proxy accepts', async () => {
  const checks = await doctor();
  assert.equal(checks.get('claude-settings')!.status, 'ok', checks.get('claude-settings')!.message);
  assert.equal(checks.get('claude-key')!.status, 'ok', checks.get('claude-key')!.message);
  const helper = checks.get('claude-helper')!;
  assert.equal(helper.status, 'ok', helper.message);
  assert.match(helper.message, /\/bin\/sh -c.*the stored key.*proxy accepts it/);
});

test('an ANTHROPIC_AUTH_TOKEN in the shell wins over the helper: a failure whose fix unsets it', async () => {
  const checks = await doctor({ env: { ANTHROPIC_AUTH_TOKEN: 'sk-someone-elses-key-0000000000' } });
  const key = checks.get('claude-key')!;
  assert.equal(key.status, 'fail');
  assert.match(key.message, /ANTHROPIC_AUTH_TOKEN in this shell's environment/);
  assert.match(key.message, /wins over apiKeyHelper/);
  assert.ok(!key.message.includes('sk-someone-elses-key-0000000000'), 'the key is masked');
  assert.equal(key.fix, 'unset ANTHROPIC_AUTH_TOKEN');
  assert.equal(checks.get('claude-helper')!.status, 'skip');
});

test('an ANTHROPIC_API_KEY in the shell goes out as x-api-key beside the helper\'s key: a warning, and the helper still runs', async () => {
  const checks = await doctor({ env: { ANTHROPIC_API_KEY: 'sk-someone-elses-key-0000000000' } });
  const key = checks.get('claude-key')!;
  assert.equal(key.status, 'warn');
  assert.match(key.message, /x-api-key/);
  assert.equal(key.fix, 'unset ANTHROPIC_API_KEY');
  assert.equal(checks.get('claude-helper')!.status, 'ok');
});

test('a project\'s .claude/settings.local.json in the current folder that sets ANTHROPIC_AUTH_TOKEN is named, with the file to edit', async () => {
  const project = mkdtempSync(join(tmpdir(), 'ollm-cc-project-'));
  try {
    mkdirSync(join(project, '.claude'));
    writeFileSync(join(project, '.claude', 'settings.local.json'), JSON.stringify({ env: { ANTHROPIC_AUTH_TOKEN: 'sk-project-local-key-000000000000' } }));
    const checks = await doctor({ cwd: project });
    const key = checks.get('claude-key')!;
    assert.equal(key.status, 'fail');
    assert.ok(key.message.includes(join(project, '.claude', 'settings.local.json')), key.message);
    assert.match(key.fix!, /settings\.local\.json.*remove env\.ANTHROPIC_AUTH_TOKEN/);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});

test('a helper that prints another key fails, and one that is not ollm\'s is named; a claude.ai login alone is no proxy key', async () => {
  try {
    writeFileSync(settingsFile, JSON.stringify({ ...JSON.parse(original), apiKeyHelper: 'echo sk-not-the-stored-key-000000000' }));
    let checks = await doctor();
    assert.equal(checks.get('claude-key')!.status, 'warn');
    assert.match(checks.get('claude-key')!.message, /not ollm's helper/);
    const helper = checks.get('claude-helper')!;
    assert.equal(helper.status, 'fail');
    assert.match(helper.message, /not the stored key/);
    assert.match(helper.fix!, /ollm key write .*--for claude-code/);

    const { apiKeyHelper: _, ...withoutHelper } = JSON.parse(original);
    writeFileSync(settingsFile, JSON.stringify(withoutHelper));
    writeFileSync(join(world.home.dir, '.claude', '.credentials.json'), JSON.stringify({ claudeAiOauth: { accessToken: 'x' } }));
    checks = await doctor();
    assert.equal(checks.get('claude-key')!.status, 'fail');
    assert.match(checks.get('claude-key')!.message, /claude\.ai login/);
  } finally {
    writeFileSync(settingsFile, original);
    rmSync(join(world.home.dir, '.claude', '.credentials.json'), { force: true });
  }
});
