// The table of target kinds: every kind has every step of its life, the manifest's schema and
// `--write`'s names come from the table, completion offers exactly its names, and a record a
// kind writes is one its schema (and the manifest) reads back — also from an older targets.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ctx } from '../../src/context.ts';
import { buildCompletionModel } from '../../src/completion/all-commands.ts';
import { globalOptions } from '../../src/help/global-options.ts';
import { resolveOpenClawPaths } from '../../src/assistants/openclaw/paths.ts';
import { styleVariable, type OpenClawStyle } from '../../src/assistants/openclaw/styles.ts';
import { ASSISTANTS } from '../../src/composition/assistants.ts';
import { kindOf, parseTargetList, TARGET_KINDS, TARGET_NAMES, TargetRecordSchema } from '../../src/composition/kinds.ts';
import type { BaseRecord, TargetKind, WriteChoice } from '../../src/targets/kind.ts';
import { TargetManifest } from '../../src/targets/manifest.ts';
import { keyToken } from '../../src/keys/held-key.ts';

const kinds = TARGET_KINDS as readonly TargetKind<BaseRecord>[];
const dir = () => mkdtempSync(join(tmpdir(), 'ollm-kinds-'));

/** One record of each kind, as ollm has always written them. */
const SAMPLES: Record<string, BaseRecord> = {
  openclaw: { kind: 'openclaw', file: '/h/.openclaw/openclaw.json', style: 'litellm', variable: 'LITELLM_API_KEY' } as BaseRecord,
  profile: { kind: 'profile', file: '/h/.profile', shell: 'posix', mode: 'literal', variable: 'LITELLM_API_KEY' } as BaseRecord,
  dotenv: { kind: 'dotenv', file: '/h/.openclaw/.env', variable: 'LITELLM_API_KEY' } as BaseRecord,
  codex: { kind: 'codex', file: '/h/.codex/config.toml', style: 'helper', provider: 'ollm' } as BaseRecord,
  opencode: { kind: 'opencode', file: '/h/.config/opencode/opencode.json', style: 'env', provider: 'litellm', variable: 'OLLM_OPENCODE_API_KEY', created: true } as BaseRecord,
  'claude-code': { kind: 'claude-code', file: '/h/.claude/settings.json', style: 'helper', baseUrl: 'http://localhost:4000', helper: "'/n' '/l' 'key' 'get'" } as BaseRecord,
  pi: { kind: 'pi', file: '/h/.pi/agent/models.json', style: 'helper', provider: 'litellm' } as BaseRecord,
};

test('every kind in the table has every step of its life cycle', () => {
  assert.ok(kinds.length >= 3);
  for (const kind of kinds) {
    for (const step of ['describe', 'forWrite', 'fromRecord', 'remove'] as const) assert.equal(typeof kind[step], 'function', `${kind.name}.${step}`);
    assert.equal(typeof kind.record.parse, 'function', `${kind.name}.record is a schema`);
    assert.ok(Array.isArray(kind.doctorChecks), `${kind.name}.doctorChecks`);
    assert.ok(Array.isArray(kind.fileFlags), `${kind.name}.fileFlags`);
    for (const step of ['plaintextLeftover', 'keepsKeyOutOfFiles', 'afterRotate', 'plaintextFiles'] as const) {
      assert.ok(kind[step] === undefined || typeof kind[step] === 'function', `${kind.name}.${step} is optional, but a function when given`);
    }
    assert.ok(SAMPLES[kind.name], `a sample record of ${kind.name} in this test`);
  }
  assert.equal(new Set(kinds.map((k) => k.name)).size, kinds.length, 'names are unique');
});

test('the assistants\' kinds are in the table, first', () => {
  const own = ASSISTANTS.flatMap((a) => a.targetKinds.map((k) => k.name));
  assert.deepEqual(kinds.slice(0, own.length).map((k) => k.name), own);
});

test('--write takes exactly the table\'s names and none', () => {
  assert.deepEqual(TARGET_NAMES, [...kinds.map((k) => k.name), 'none']);
  assert.deepEqual(parseTargetList([TARGET_NAMES.filter((n) => n !== 'none').join(',')]), kinds.map((k) => k.name));
  assert.throws(() => parseTargetList(['exec']), /not a place ollm can write to/);
});

test('the manifest schema is the union of the kinds\' records', () => {
  for (const kind of kinds) {
    const sample = SAMPLES[kind.name]!;
    assert.deepEqual(TargetRecordSchema.parse(sample), kind.record.parse(sample), kind.name);
    assert.equal(kindOf(sample), kind);
    assert.equal(typeof kind.describe(sample), 'string');
  }
  assert.equal(TargetRecordSchema.safeParse({ kind: 'exec', file: '/x' }).success, false, 'a kind not in the table is refused');
  assert.equal(TargetRecordSchema.safeParse({ kind: 'profile', file: '/x' }).success, false, 'a kind\'s own fields are required');
});

test('a targets.json written before the table still reads (every kind, old field order)', async () => {
  const home = dir();
  const file = join(home, 'targets.json');
  // Verbatim the shape ollm 0.1 wrote: version 1, accounts → records, optional variable left out for keychain.
  writeFileSync(file, `{
  "version": 1,
  "accounts": {
    "openclaw@http://localhost:4000": [
      { "kind": "openclaw", "file": "/h/.openclaw/openclaw.json", "style": "keychain" },
      { "kind": "profile", "file": "/h/.zshenv", "shell": "posix", "mode": "lookup", "variable": "LITELLM_API_KEY" },
      { "kind": "dotenv", "file": "/h/.openclaw/.env", "variable": "LITELLM_API_KEY" }
    ]
  }
}
`, { mode: 0o600 });
  const records = await new TargetManifest(file, TargetRecordSchema).targetsOf('openclaw@http://localhost:4000');
  assert.deepEqual(records.map((r) => r.kind), ['openclaw', 'profile', 'dotenv']);
  assert.equal(records[0]!.kind === 'openclaw' && records[0]!.style, 'keychain');
  assert.equal(records.filter((r) => kindOf(r).keepsKeyOutOfFiles?.(r)).length, 1, 'the keychain style is read off the openclaw record');
});

test('completion offers exactly the table\'s names for --write, and the kinds\' file flags as files', async () => {
  const model = await buildCompletionModel(globalOptions);
  const create = model.commands.find((c) => c.path.join(' ') === 'key create')!;
  const write = create.flags.find((f) => f.name === 'write')!;
  assert.deepEqual(write.values, TARGET_NAMES);
  assert.equal(write.commaList, true);
  for (const flag of kinds.flatMap((k) => k.fileFlags)) assert.equal(create.flags.find((f) => f.name === flag)?.files, true, flag);
});

/** Just enough Ctx for the file kinds: they read the environment only. */
function fakeCtx(home: string): Ctx {
  return { env: { HOME: home, SHELL: '/bin/bash' } } as unknown as Ctx;
}

/** The write policy OpenClaw would work out for this style (its own write, the style and paths, inside). */
function choiceFor(ctx: Ctx, home: string, over: { style?: OpenClawStyle; names?: string[] } = {}): WriteChoice {
  const style = over.style ?? 'litellm';
  const paths = resolveOpenClawPaths(undefined, { HOME: home });
  return {
    ctx, flags: {}, recorded: [], names: over.names ?? ['profile', 'dotenv'],
    policy: {
      displayName: 'OpenClaw', variable: styleVariable(style), keyOutOfFiles: style === 'keychain', helperStyle: 'The keychain style',
      keyOutOfFilesBy: 'The keychain style this key was written with', dotenvFile: join(paths.stateDir, '.env'), own: { style, paths },
    },
  };
}

const KEY = { alias: 'openclaw', account: 'openclaw@http://localhost:4000', secret: 'sk-kindtest0123456789abcdef', proxyBase: 'http://localhost:4000' };

for (const name of ['profile', 'dotenv']) {
  test(`${name}: written, recorded in its own schema, rewritten from the record, removed`, async () => {
    const home = dir();
    mkdirSync(join(home, '.openclaw'), { recursive: true, mode: 0o700 });
    const ctx = fakeCtx(home);
    const kind = kinds.find((k) => k.name === name)!;
    const target = await kind.forWrite(choiceFor(ctx, home));
    await target.prepare();
    const outcome = await target.write(KEY);
    const record = kind.record.parse(outcome.record);
    assert.deepEqual(TargetRecordSchema.parse(outcome.record), record, 'the manifest reads what the kind wrote');
    assert.ok(readFileSync(record.file, 'utf8').includes(KEY.secret), 'the key is in the file');
    assert.deepEqual(kind.plaintextFiles?.(record), [record.file], 'and the doctor knows that file holds it');

    const again = await kind.fromRecord(ctx, record, { keychainStyle: false });
    const second = { ...KEY, secret: 'sk-kindtest-second-0123456789' };
    await again!.write(second);
    assert.ok(readFileSync(record.file, 'utf8').includes(second.secret), 'rewritten from the record (rotation)');

    assert.equal(await kind.remove(ctx, record, KEY.account, (v) => keyToken(v) === keyToken(KEY.secret)), null, 'a key that is not the revoked one stays');
    assert.ok(await kind.remove(ctx, record, KEY.account, (v) => keyToken(v) === keyToken(second.secret)));
    assert.ok(!readFileSync(record.file, 'utf8').includes('sk-kindtest'), 'and then it is gone');
  });

  test(`${name}: under the keychain style no plaintext key is written, and old plaintext is converted`, async () => {
    const home = dir();
    mkdirSync(join(home, '.openclaw'), { recursive: true, mode: 0o700 });
    const ctx = fakeCtx(home);
    const kind = kinds.find((k) => k.name === name)!;
    const plain = await (await kind.forWrite(choiceFor(ctx, home))).write(KEY);
    const record = kind.record.parse(plain.record);
    const converted = await kind.fromRecord(ctx, record, { keychainStyle: true });
    await converted!.write(KEY);
    assert.ok(!readFileSync(record.file, 'utf8').includes(KEY.secret), 'no plaintext key left');
    const leftover = kind.plaintextLeftover?.(record);
    assert.ok(leftover, 'a plaintext record not chosen again is converted too');
  });
}

test('profile under the keychain style refuses --profile-mode literal; dotenv refuses an explicit --write', async () => {
  const home = dir();
  const ctx = fakeCtx(home);
  const keychain = choiceFor(ctx, home, { style: 'keychain' });
  await assert.rejects(kinds.find((k) => k.name === 'profile')!.forWrite({ ...keychain, flags: { profileMode: 'literal' } }), /cannot hold it literally/);
  await assert.rejects(kinds.find((k) => k.name === 'dotenv')!.forWrite({ ...keychain, flags: { write: ['dotenv'] } }), /can only hold it in plaintext/);
});

test('openclaw under the keychain style refuses a key kept in the plain-text file (--store file / --insecure-storage)', async () => {
  const home = dir();
  const ctx = fakeCtx(home);
  const openclaw = kinds.find((k) => k.name === 'openclaw')!;
  const keychain = choiceFor(ctx, home, { style: 'keychain', names: ['openclaw'] });
  await assert.rejects(openclaw.forWrite({ ...keychain, flags: { store: 'file', openclawStyle: 'keychain' } }), /--openclaw-style keychain keeps the key out of every file, which --store file/);
  await assert.rejects(openclaw.forWrite({ ...keychain, flags: { store: 'file' } }), /from `ollm config set style`/);
});
