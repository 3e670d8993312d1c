// Claude Code's adapter in pieces: the apiKeyHelper command survives /bin/sh with hostile paths
// and URLs, the settings edits touch only ollm's entries, the paths follow CLAUDE_CONFIG_DIR, and
// the rotation grace covers the helper's TTL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helperArgv, helperCommand, isOllmHelper, helperLauncherPath } from '../../src/assistants/claude-code/helper-command.ts';
import { placeKey, removePlacement } from '../../src/assistants/claude-code/settings-edits.ts';
import { resolveClaudeCodePaths } from '../../src/assistants/claude-code/paths.ts';
import { claudeCodeRotationGrace } from '../../src/assistants/claude-code/grace.ts';
import { Json5Document } from '../../src/edit/json5-document.ts';

const HOSTILE = [
  "it's here",
  'two  spaces and a\ttab',
  '$HOME and ${HOME} and $(touch PWNED)',
  '`touch PWNED` and "double" quotes',
  "\\ backslash ; semicolon | pipe & amp > redirect",
  'ünïcödé ☃',
];

test('the apiKeyHelper command hands every hostile word to the program unchanged through /bin/sh -c, and runs nothing else', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ollm-cc-helper-'));
  try {
    for (const word of HOSTILE) {
      // A stand-in launcher that prints the argv it got: the command's words, as /bin/sh parsed them.
      const launcher = join(dir, `launcher ${word.replace(/\//g, '_')}.js`);
      writeFileSync(launcher, 'process.stdout.write(JSON.stringify(process.argv.slice(2)))');
      const proxy = `http://127.0.0.1:4000/${word}`;
      const command = helperCommand(launcher, 'claude-code', proxy);
      const run = spawnSync('/bin/sh', ['-c', command], { cwd: dir, encoding: 'utf8', env: {} });
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(JSON.parse(run.stdout), helperArgv(launcher, 'claude-code', proxy).slice(2), `word ${JSON.stringify(word)}`);
    }
    assert.deepEqual(readdirSync(dir).filter((n) => n.includes('PWNED') && !n.startsWith('launcher')), [], 'no command substitution ran');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the command names node and the launcher by absolute path: no PATH lookup', () => {
  const argv = helperArgv('/state/ollm/claude-code-key-helper', 'claude-code', 'http://localhost:4000');
  assert.equal(argv[0], process.execPath);
  assert.ok(argv[0]!.startsWith('/') && argv[1]!.startsWith('/'));
  assert.deepEqual(argv.slice(2), ['key', 'get', '--reveal', '--quiet', '--alias', 'claude-code', '--proxy-url', 'http://localhost:4000']);
  assert.ok(isOllmHelper(helperCommand(helperLauncherPath('/s t'), 'a', 'http://x'), '/s t'));
  assert.ok(!isOllmHelper('/usr/local/bin/my-helper', '/s t'));
});

const USER_SETTINGS = `{
  "model": "opus",
  "permissions": { "allow": ["Bash(npm test)"] },
  "env": {
    "DISABLE_TELEMETRY": "1"
  }
}
`;

test('helper style: apiKeyHelper and env.ANTHROPIC_BASE_URL go in, every other setting stays byte for byte, and revoke takes exactly them out', () => {
  const doc = Json5Document.parse(USER_SETTINGS, 'settings.json');
  placeKey(doc, { style: 'helper', baseUrl: 'http://proxy:4000', helper: "'/n' 'x'" });
  const written = JSON.parse(doc.toString());
  assert.equal(written.apiKeyHelper, "'/n' 'x'");
  assert.deepEqual(written.env, { DISABLE_TELEMETRY: '1', ANTHROPIC_BASE_URL: 'http://proxy:4000' });
  assert.equal(written.model, 'opus');
  assert.ok(!doc.toString().includes('sk-'));

  const again = Json5Document.parse(doc.toString(), 'settings.json');
  assert.deepEqual(removePlacement(again, { style: 'helper', baseUrl: 'http://proxy:4000', helper: "'/n' 'x'" }, () => false), ['apiKeyHelper', 'env.ANTHROPIC_BASE_URL']);
  assert.equal(again.toString(), USER_SETTINGS, 'the file is as the user wrote it');
});

test('revoke leaves a helper or proxy URL that is no longer what ollm wrote', () => {
  const doc = Json5Document.parse('{"apiKeyHelper":"my own","env":{"ANTHROPIC_BASE_URL":"http://other"}}', 's');
  assert.deepEqual(removePlacement(doc, { style: 'helper', baseUrl: 'http://proxy:4000', helper: "'/n' 'x'" }, () => true), []);
  assert.equal(doc.toString(), '{"apiKeyHelper":"my own","env":{"ANTHROPIC_BASE_URL":"http://other"}}');
});

test('file style: the key in env.ANTHROPIC_AUTH_TOKEN; revoke removes it only while it is the revoked key', () => {
  const doc = Json5Document.parse(USER_SETTINGS, 'settings.json');
  placeKey(doc, { style: 'file', baseUrl: 'http://proxy:4000', secret: 'sk-one' });
  assert.equal(JSON.parse(doc.toString()).env.ANTHROPIC_AUTH_TOKEN, 'sk-one');
  const other = Json5Document.parse(doc.toString(), 's');
  assert.deepEqual(removePlacement(other, { style: 'file', baseUrl: 'http://proxy:4000' }, (v) => v === 'sk-two'), []);
  assert.deepEqual(removePlacement(other, { style: 'file', baseUrl: 'http://proxy:4000' }, (v) => v === 'sk-one'), ['env.ANTHROPIC_AUTH_TOKEN', 'env.ANTHROPIC_BASE_URL']);
  assert.equal(other.toString(), USER_SETTINGS);
});

test('switching file → helper takes ollm\'s key out; a token that is not ollm\'s stays, with a warning', () => {
  const doc = Json5Document.parse('{"env":{"ANTHROPIC_AUTH_TOKEN":"sk-one"}}', 's');
  const notes = placeKey(doc, { style: 'helper', baseUrl: 'http://p', helper: 'h', previous: { style: 'file', isOurKey: (v) => v === 'sk-one' } });
  assert.equal(JSON.parse(doc.toString()).env.ANTHROPIC_AUTH_TOKEN, undefined);
  assert.match(notes.join('\n'), /removed the key ollm had written/);
  const foreign = Json5Document.parse('{"env":{"ANTHROPIC_AUTH_TOKEN":"sk-theirs"}}', 's');
  const warned = placeKey(foreign, { style: 'helper', baseUrl: 'http://p', helper: 'h' });
  assert.equal(JSON.parse(foreign.toString()).env.ANTHROPIC_AUTH_TOKEN, 'sk-theirs');
  assert.match(warned.join('\n'), /wins over apiKeyHelper/);
});

test('paths: --claude-config > CLAUDE_CONFIG_DIR > ~/.claude', () => {
  assert.equal(resolveClaudeCodePaths(undefined, { HOME: '/h' }).settingsFile, '/h/.claude/settings.json');
  assert.equal(resolveClaudeCodePaths(undefined, { HOME: '/h', CLAUDE_CONFIG_DIR: '/c' }).settingsFile, '/c/settings.json');
  assert.equal(resolveClaudeCodePaths(undefined, { HOME: '/h', CLAUDE_CONFIG_DIR: '~/cc' }).credentialsFile, '/h/cc/.credentials.json');
  assert.equal(resolveClaudeCodePaths('/f', { HOME: '/h', CLAUDE_CONFIG_DIR: '/c' }).configSource, '--claude-config');
});

test('the rotation grace covers twice the helper TTL: 10m by default, more when the TTL is raised', () => {
  assert.deepEqual(claudeCodeRotationGrace({}), { duration: '10m', why: 'a running Claude Code asks its apiKeyHelper again only every 5 min (CLAUDE_CODE_API_KEY_HELPER_TTL_MS) or after a 401' });
  assert.equal(claudeCodeRotationGrace({ CLAUDE_CODE_API_KEY_HELPER_TTL_MS: '60000' }).duration, '10m');
  assert.equal(claudeCodeRotationGrace({ CLAUDE_CODE_API_KEY_HELPER_TTL_MS: String(30 * 60_000) }).duration, '60m');
  assert.equal(claudeCodeRotationGrace({ CLAUDE_CODE_API_KEY_HELPER_TTL_MS: 'soon' }).duration, '10m');
});
