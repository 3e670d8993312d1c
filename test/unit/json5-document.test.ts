// Pins Json5Document against configs people really write: comments everywhere, JSON5 syntax,
// CRLF, BOM, empty files, broken files, and a megabyte of models.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openClawValidator } from '../support/openclaw-schema.ts';
import { JsonLexer, JsonTokenType } from '@croct/json5-parser';
import JSON5 from 'json5';
import { Json5Document, Json5DocumentError, Json5SyntaxError } from '../../src/edit/json5-document.ts';

const FILE = '~/.openclaw/openclaw.json';

/**
 * What OpenClaw reads from a file: it parses with the `json5` package, so written text is read back
 * with that, not with the parser that wrote it (a shared misreading would hide a broken file).
 */
const openClawReads = (text: string): unknown => JSON5.parse(text);

/** A hand-edited OpenClaw config; every value in it is valid for OpenClaw's schema. */
const COMMENTED = `// ~/.openclaw/openclaw.json: edited by hand, keep the notes
/* Gateway and agent setup.
   A block comment over two lines. */
{
  // Where the gateway listens
  gateway: {
    port: 18789, // the default port
    mode: 'local',
  },

  /* before env */ env: {
    shellEnv: { enabled: false }, // no login shell
  },
  'logging': { level: "info" /* inside an inline object */ },
  agents: {
    defaults: {
      // the model is chosen below
      workspace: "~/projects",
    },
  },
  // the last word inside
}
// after the object
`;

/** Everything JSON5 allows that JSON does not, with CRLF line ends and a byte-order mark. */
const HOSTILE = [
  '\uFEFF// BOM first, then comments everywhere',
  '{ // after the brace',
  "  unquoted: 'single \\'quoted\\'', raw: 'say \"hi\"',",
  '  "double" /* between key and colon */ : "x",',
  '  hex: 0xFF, neg: -0x10, inf: Infinity, ninf: -Infinity, nan: NaN, half: .5, plus: +1,',
  "  default: { class: 'reserved words as keys', true: 1, null: 2 },",
  '  escapes: "\\x41\\u0042\\v\\0",',
  "  continued: 'line \\",
  "continued',",
  '  list: [1, 2, 3,],',
  '  /* inside */ nested: { /* empty but for me */ },',
  "  $include: './extra.json5',",
  '  dup: 1, dup: 2,',
  '}',
  '// trailing',
  '',
].join('\r\n');

const LITELLM_PROVIDER = {
  baseUrl: 'http://localhost:4000',
  api: 'openai-completions',
  apiKey: '${LITELLM_API_KEY}',
  models: [{ id: 'claude-opus-4-6', name: 'Claude Opus 4.6' }],
};

/** The three edits ollm makes to route OpenClaw through LiteLLM. */
function routeThroughLiteLLM(doc: Json5Document): void {
  doc.set(['env', 'vars', 'LITELLM_API_KEY'], 'sk-test-0123456789');
  doc.set(['models', 'providers', 'litellm'], LITELLM_PROVIDER);
  doc.set(['agents', 'defaults', 'model', 'primary'], 'litellm/claude-opus-4-6');
}

function edited(text: string, edit: (doc: Json5Document) => void): string {
  const doc = Json5Document.parse(text, FILE);
  edit(doc);
  return doc.toString();
}

function comments(text: string): string[] {
  return JsonLexer.tokenize(text)
    .filter((token) => token.type === JsonTokenType.LINE_COMMENT || token.type === JsonTokenType.BLOCK_COMMENT)
    .map((token) => token.value);
}

/** Every line of `before` appears unchanged and in the same order in `after`. */
function assertLinesKept(before: string, after: string): void {
  const afterLines = after.split(/\r?\n/);
  let from = 0;
  for (const line of before.split(/\r?\n/)) {
    const found = afterLines.indexOf(line, from);
    assert.notEqual(found, -1, `line lost or changed: ${JSON.stringify(line)}`);
    from = found + 1;
  }
}

function syntaxError(text: string): Json5SyntaxError {
  try {
    Json5Document.parse(text, FILE);
  } catch (error) {
    assert.ok(error instanceof Json5SyntaxError, `expected a Json5SyntaxError, got ${String(error)}`);
    return error;
  }
  assert.fail('parse accepted invalid JSON5');
}

// ─── Round trips ─────────────────────────────────────────────────────────────────────────────

test('printing without an edit gives back the exact text', () => {
  const texts = [COMMENTED, HOSTILE, '', '   \n', '// only a comment', '/* a */\r\n// b\r\n', '\uFEFF', '{}', '{"a":[1,{"b":null}]}', '{\n\tx: 1,\n}\n'];
  for (const text of texts) assert.equal(Json5Document.parse(text, FILE).toString(), text, JSON.stringify(text));
});

test('edits that change nothing leave the text byte for byte', () => {
  const text = "{ hex: 0x10, s: 'single', nested: { a: [1, 2] } }";
  const doc = Json5Document.parse(text, FILE);
  doc.set(['hex'], 16);
  doc.set(['s'], 'single');
  doc.set(['nested'], { a: [1, 2] });
  assert.equal(doc.delete(['missing']), false);
  assert.equal(doc.delete(['s', 'below-a-string']), false);
  assert.equal(doc.toString(), text);
});

// ─── Reading ─────────────────────────────────────────────────────────────────────────────────

test('reads every JSON5 form as plain values', () => {
  const doc = Json5Document.parse(HOSTILE, FILE);
  assert.deepEqual(doc.get([]), {
    unquoted: "single 'quoted'",
    raw: 'say "hi"',
    double: 'x',
    hex: 255,
    neg: -16,
    inf: Infinity,
    ninf: -Infinity,
    nan: NaN,
    half: 0.5,
    plus: 1,
    default: { class: 'reserved words as keys', true: 1, null: 2 },
    escapes: 'AB\v\0',
    continued: 'line continued',
    list: [1, 2, 3],
    nested: {},
    $include: './extra.json5',
    dup: 2,
  });
});

test('get follows a path and answers undefined off the map', () => {
  const doc = Json5Document.parse(COMMENTED, FILE);
  assert.equal(doc.get(['gateway', 'port']), 18789);
  assert.deepEqual(doc.get(['env', 'shellEnv']), { enabled: false });
  assert.equal(doc.get(['gateway', 'nope']), undefined);
  assert.equal(doc.get(['gateway', 'port', 'deeper']), undefined);
  assert.equal(doc.get(['models', 'providers']), undefined);
});

test('$include is reported as written and left alone by edits', () => {
  const text = "{\n  $include: ['./base.json5', './secrets.json5'],\n  gateway: { port: 1 },\n}\n";
  const doc = Json5Document.parse(text, FILE);
  assert.deepEqual(doc.get(['$include']), ['./base.json5', './secrets.json5']);
  routeThroughLiteLLM(doc);
  assert.match(doc.toString(), /^\{\n {2}\$include: \['\.\/base\.json5', '\.\/secrets\.json5'\],\n/);
});

test('a "__proto__" key is data, not a prototype', () => {
  const value = Json5Document.parse('{ "__proto__": { "polluted": true } }', FILE).get([]) as Record<string, unknown>;
  assert.deepEqual(Object.keys(value), ['__proto__']);
  assert.equal(Object.getPrototypeOf(value), Object.prototype);
  assert.equal((value as { polluted?: boolean }).polluted, undefined);
});

// ─── The edit ollm makes ─────────────────────────────────────────────────────────────────────

test('routing through LiteLLM keeps every comment and every untouched line', () => {
  const after = edited(COMMENTED, routeThroughLiteLLM);
  assert.deepEqual(comments(after), comments(COMMENTED));
  assertLinesKept(COMMENTED, after);
  const config = openClawReads(after) as Record<string, any>;
  assert.equal(config.env.vars.LITELLM_API_KEY, 'sk-test-0123456789');
  assert.deepEqual(config.models.providers.litellm, LITELLM_PROVIDER);
  assert.equal(config.agents.defaults.model.primary, 'litellm/claude-opus-4-6');
  assert.deepEqual(config.gateway, { port: 18789, mode: 'local' });
  assert.deepEqual(config.logging, { level: 'info' });
  assert.equal(config.agents.defaults.workspace, '~/projects');
});

test('new keys go last in their object, indented and quoted like their neighbours', () => {
  assert.equal(
    edited(COMMENTED, routeThroughLiteLLM),
    `// ~/.openclaw/openclaw.json: edited by hand, keep the notes
/* Gateway and agent setup.
   A block comment over two lines. */
{
  // Where the gateway listens
  gateway: {
    port: 18789, // the default port
    mode: 'local',
  },

  /* before env */ env: {
    shellEnv: { enabled: false }, // no login shell
    vars: {
      LITELLM_API_KEY: 'sk-test-0123456789',
    },
  },
  'logging': { level: "info" /* inside an inline object */ },
  agents: {
    defaults: {
      // the model is chosen below
      workspace: "~/projects",
      model: {
        primary: "litellm/claude-opus-4-6",
      },
    },
  },
  // the last word inside
  models: {
    providers: {
      litellm: {
        baseUrl: 'http://localhost:4000',
        api: 'openai-completions',
        apiKey: '\${LITELLM_API_KEY}',
        models: [
          {
            id: 'claude-opus-4-6',
            name: 'Claude Opus 4.6',
          },
        ],
      },
    },
  },
}
// after the object
`,
  );
});

test('a plain JSON file stays plain JSON: double quotes, no trailing commas', () => {
  const text = '{\n  "gateway": {\n    "port": 18789\n  }\n}\n';
  const after = edited(text, (doc) => {
    doc.set(['gateway', 'mode'], 'local');
    doc.set(['env', 'vars', 'LITELLM_API_KEY'], 'sk-1');
  });
  assert.equal(after, '{\n  "gateway": {\n    "port": 18789,\n    "mode": "local"\n  },\n  "env": {\n    "vars": {\n      "LITELLM_API_KEY": "sk-1"\n    }\n  }\n}\n');
  assert.deepEqual(JSON.parse(after), { gateway: { port: 18789, mode: 'local' }, env: { vars: { LITELLM_API_KEY: 'sk-1' } } });
});

test('the indentation in use is the one new lines get: four spaces, tabs', () => {
  assert.equal(edited('{\n    "a": 1\n}', (doc) => doc.set(['b'], { c: true })), '{\n    "a": 1,\n    "b": {\n        "c": true\n    }\n}');
  assert.equal(edited('{\n\ta: {\n\t\tb: 1,\n\t},\n}', (doc) => doc.set(['a', 'c'], [{ d: 2 }])), '{\n\ta: {\n\t\tb: 1,\n\t\tc: [\n\t\t\t{\n\t\t\t\td: 2,\n\t\t\t},\n\t\t],\n\t},\n}');
});

test('one-line objects stay on one line; an empty {} opens up', () => {
  assert.equal(edited('{\n  a: { x: 1 },\n}', (doc) => doc.set(['a', 'y'], 'z')), '{\n  a: { x: 1, y: "z" },\n}');
  assert.equal(edited('{"a":{"x":1}}', (doc) => doc.set(['a', 'y'], [1, 2])), '{"a":{"x":1,"y":[1,2]}}');
  assert.equal(edited('{\n  a: {},\n}', (doc) => doc.set(['a', 'y'], 1)), '{\n  a: {\n    y: 1,\n  },\n}');
});

test('a key after a trailing line comment gets its comma before the comment', () => {
  assert.equal(edited('{\n  a: 1 // note\n}', (doc) => doc.set(['b'], 2)), '{\n  a: 1, // note\n  b: 2\n}');
});

test('keys that are reserved words or not identifiers are quoted', () => {
  const after = edited('{ a: 1 }', (doc) => doc.set(['default'], { 'my.provider': { 'x-y': 1, ok: 2 } }));
  assert.equal(after, '{ a: 1, "default": { "my.provider": { "x-y": 1, ok: 2 } } }');
  assert.equal((openClawReads(after) as any).default['my.provider'].ok, 2);
});

test('strings with quotes, backslashes and line separators survive the trip', () => {
  const tricky = `it's "quoted" \\ and \u2028 and \u{1F600}`;
  for (const text of ["{ s: 'x' }", '{ s: "x" }', '{}']) {
    const after = edited(text, (doc) => doc.set(['s'], tricky));
    assert.equal((openClawReads(after) as { s: string }).s, tricky, after);
  }
  assert.equal(edited("{ s: 'x' }", (doc) => doc.set(['s'], "it's")), "{ s: 'it\\'s' }");
  assert.equal(edited("{ s: 'x' }", (doc) => doc.set(['s'], 'say "hi"')), "{ s: 'say \\\"hi\\\"' }");
});

test('setting an object over an object merges, so comments inside it survive', () => {
  const text = '{\n  p: {\n    // keep me\n    a: 1,\n    b: 2, // and me\n  },\n}\n';
  const after = edited(text, (doc) => doc.set(['p'], { a: 1, b: 3, c: 4 }));
  assert.equal(after, '{\n  p: {\n    // keep me\n    a: 1,\n    b: 3, // and me\n    c: 4,\n  },\n}\n');
});

test('setting a value replaces only that value', () => {
  assert.equal(edited('{ a: [1, 2], b: 0xFF }', (doc) => doc.set(['a'], [3])), '{ a: [3], b: 0xFF }');
  assert.equal(edited('{ a: "x", b: 1 }', (doc) => doc.set(['a'], { c: null })), '{ a: { c: null }, b: 1 }');
});

test('with duplicate keys the last one, the one JSON5 uses, is edited', () => {
  assert.equal(edited('{ a: 1, a: 2 }', (doc) => doc.set(['a'], 3)), '{ a: 1, a: 3 }');
});

test('CRLF files stay CRLF and a BOM stays, once', () => {
  const after = edited(HOSTILE, routeThroughLiteLLM);
  assert.ok(after.startsWith('\uFEFF//'));
  assert.equal(after.split('\uFEFF').length, 2);
  assert.doesNotMatch(after, /[^\r]\n/);
  assertLinesKept(HOSTILE, after);
  assert.deepEqual(comments(after), comments(HOSTILE));
  assert.equal((openClawReads(after) as any).models.providers.litellm.apiKey, '${LITELLM_API_KEY}');
});

test('an empty, blank or comments-only file is an empty object that keeps its comments', () => {
  const expected = '{\n  "env": {\n    "vars": {\n      "LITELLM_API_KEY": "sk-1"\n    }\n  }\n}';
  const setKey = (doc: Json5Document) => doc.set(['env', 'vars', 'LITELLM_API_KEY'], 'sk-1');
  assert.deepEqual(Json5Document.parse('', FILE).get([]), {});
  assert.equal(edited('', setKey), `${expected}\n`);
  assert.equal(edited('  \n', setKey), `${expected}\n`);
  assert.equal(edited('\uFEFF', setKey), `\uFEFF${expected}\n`);
  assert.equal(edited('// my settings\n', setKey), `// my settings\n${expected}\n`);
  assert.equal(edited('/* a */\r\n// b', setKey), `/* a */\r\n// b\r\n${expected.replaceAll('\n', '\r\n')}\r\n`);
});

// ─── Deleting ────────────────────────────────────────────────────────────────────────────────

test('deleting keeps the comma style and the comments', () => {
  const cases: Array<[string, string[], string]> = [
    ['{\n  a: 1,\n  b: 2\n}', ['b'], '{\n  a: 1\n}'],
    ['{\n  a: 1,\n  b: 2,\n}', ['b'], '{\n  a: 1,\n}'],
    ['{\n  a: 1,\n  b: 2\n}', ['a'], '{\n  b: 2\n}'],
    ['{ a: 1, b: 2, c: 3 }', ['b'], '{ a: 1, c: 3 }'],
    ['{ a: 1, b: 2 }', ['b'], '{ a: 1 }'],
    ['{"a":1,"b":2}', ['a'], '{"b":2}'],
    ['{\n  // about b\n  b: 2,\n  c: 3\n}', ['b'], '{\n  // about b\n  c: 3\n}'],
    ['{\n  a: 1, // one\n  b: 2 // two\n}', ['b'], '{\n  a: 1 // one\n  // two\n}'],
    ['{ a: 1, a: 2, b: 3 }', ['a'], '{ b: 3 }'],
    ['{\r\n  a: 1,\r\n  b: { c: 2 },\r\n}\r\n', ['b', 'c'], '{\r\n  a: 1,\r\n  b: {},\r\n}\r\n'],
    // the line break that ends a // comment is never taken away, or the comment would swallow the `}`
    ['{\n  a: 1, // keep\n  b: 2 }', ['b'], '{\n  a: 1 // keep\n }'],
  ];
  for (const [text, path, expected] of cases) {
    const doc = Json5Document.parse(text, FILE);
    assert.equal(doc.delete(path), true, text);
    assert.equal(doc.toString(), expected, text);
  }
});

test('an object left empty is removed only when asked, and never while it holds a comment', () => {
  const text = '{\n  env: {\n    vars: {\n      K: "v"\n    }\n  },\n  x: 1\n}';
  assert.equal(edited(text, (doc) => doc.delete(['env', 'vars', 'K'])), '{\n  env: {\n    vars: {}\n  },\n  x: 1\n}');
  assert.equal(edited(text, (doc) => doc.delete(['env', 'vars', 'K'], { pruneEmptyParents: true })), '{\n  x: 1\n}');
  const commented = '{\n  env: {\n    // mine\n    vars: {\n      K: "v"\n    }\n  }\n}';
  assert.equal(edited(commented, (doc) => doc.delete(['env', 'vars', 'K'], { pruneEmptyParents: true })), '{\n  env: {\n    // mine\n  }\n}');
});

// ─── Random documents ────────────────────────────────────────────────────────────────────────

/** A seeded generator: the same documents on every run, so a failure can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const FUZZ_KEYS = ['a', 'env', 'vars', 'default', 'x-y', '$include'];
const FUZZ_GAPS = ['', ' ', '\n', '\n  ', ' /* c */ ', ' // l\n', '\n    '];
const FUZZ_SCALARS: Array<[string, unknown]> = [['1', 1], ['0x1F', 31], ["'s'", 's'], ['"d"', 'd'], ['true', true], ['null', null], ['[1, 2,]', [1, 2]], ['-Infinity', -Infinity]];

/** A random JSON5 object (odd spacing, comments, quotes, duplicate keys) and the value JSON5 gives it. */
function randomObject(random: () => number, depth = 0): [string, Record<string, unknown>] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const value: Record<string, unknown> = {};
  const entries: string[] = [];
  for (let count = Math.floor(random() * 4); count > 0; count--) {
    const key = pick(FUZZ_KEYS);
    const [text, item] = depth < 2 && random() < 0.5 ? randomObject(random, depth + 1) : pick(FUZZ_SCALARS);
    value[key] = item;
    entries.push(`${pick(FUZZ_GAPS)}${pick([JSON.stringify(key), `'${key}'`])}${pick(['', ' '])}:${pick(FUZZ_GAPS)}${text}`);
  }
  return [`{${entries.join(',')}${entries.length > 0 && random() < 0.5 ? ',' : ''}${pick(FUZZ_GAPS)}}`, value];
}

/** What `set` means for plain values: objects merge key by key, anything else replaces. */
function setPlain(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const [key, ...rest] = path as [string, ...string[]];
  const current = target[key];
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (rest.length > 0) {
    if (!isObject(current)) target[key] = {};
    setPlain(target[key] as Record<string, unknown>, rest, value);
  } else if (isObject(current) && isObject(value)) {
    for (const name of Object.keys(current)) if (!(name in value)) delete current[name];
    for (const [name, item] of Object.entries(value)) setPlain(current, [name], item);
  } else {
    target[key] = structuredClone(value);
  }
}

test('random JSON5 documents take random edits and stay valid, right, commented and CRLF', () => {
  const random = seededRandom(20260904);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  for (let round = 0; round < 1000; round++) {
    const [object, expected] = randomObject(random);
    const text = random() < 0.3 ? `// head\n${object}\n// tail`.replaceAll('\n', '\r\n') : object;
    const doc = Json5Document.parse(text, FILE);
    assert.deepEqual(doc.get([]), expected, text);
    assert.deepEqual(openClawReads(text), expected, `json5 reads it the same: ${text}`);
    for (let step = 0; step < 4; step++) {
      const path = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(FUZZ_KEYS));
      const before = doc.toString();
      const blocked = path.slice(0, -1).some((_, depth) => {
        const above = doc.get(path.slice(0, depth + 1));
        return above !== undefined && (above === null || typeof above !== 'object' || Array.isArray(above));
      });
      if (blocked) {
        assert.throws(() => doc.set(path, 1), Json5DocumentError);
        assert.equal(doc.delete(path), false);
        assert.equal(doc.toString(), before);
        continue;
      }
      const replaced = doc.get(path);
      const setting = random() < 0.7;
      if (setting) {
        const value = pick<unknown>(['sk-1', 2, { p: 'q', r: [1, { s: 2 }] }, [], {}, 'it\'s "x"']);
        doc.set(path, value);
        setPlain(expected, path, value);
      } else {
        const owner = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], expected) as Record<string, unknown> | undefined;
        assert.equal(doc.delete(path), owner !== undefined && path.at(-1)! in owner);
        if (owner !== undefined) delete owner[path.at(-1)!];
      }
      const after = doc.toString();
      const context = `${JSON.stringify(before)} → ${JSON.stringify(after)}`;
      assert.deepEqual(openClawReads(after), expected, context);
      if (text.includes('\r\n')) assert.doesNotMatch(after, /[^\r]\n/, context);
      // Only a deleted entry, or a replaced object or array, may take comments with it.
      if (setting && (replaced === null || typeof replaced !== 'object')) assert.deepEqual(comments(after), comments(before), context);
    }
  }
});

// ─── Refusals ────────────────────────────────────────────────────────────────────────────────

test('setting below a value that is not an object is refused and changes nothing', () => {
  const text = '{ env: "oops" }';
  const doc = Json5Document.parse(text, FILE);
  assert.throws(() => doc.set(['env', 'vars', 'K'], 'sk-secret'), (error: unknown) => {
    assert.ok(error instanceof Json5DocumentError);
    assert.equal(error.message, `cannot set env.vars.K in ${FILE}: env is a string, not an object`);
    return true;
  });
  assert.equal(doc.toString(), text);
});

test('values that are not JSON are refused without echoing them', () => {
  const doc = Json5Document.parse('{}', FILE);
  for (const value of [undefined, () => 'sk-secret', new Date(), new Map([['k', 'sk-secret']]), { nested: [Symbol('sk-secret')] }]) {
    assert.throws(() => doc.set(['a'], value), (error: unknown) => error instanceof TypeError && !error.message.includes('sk-secret'));
  }
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.throws(() => doc.set(['a'], cyclic), TypeError);
  assert.throws(() => doc.set([], {}), TypeError);
  assert.equal(doc.toString(), '{}');
});

test('a top level that is not an object is a clear error, not a syntax error', () => {
  for (const [text, found] of [['[1, 2]', 'an array'], ['"text"', 'a string'], ['42', 'a number'], ['// c\nnull', 'null']] as const) {
    assert.throws(
      () => Json5Document.parse(text, FILE),
      (error: unknown) => error instanceof Json5DocumentError && !(error instanceof Json5SyntaxError) && error.message === `${FILE} must hold an object ({ … }) at the top level, not ${found}`,
    );
  }
});

test('invalid JSON5 is reported with the file, line and column', () => {
  const error = syntaxError('{\n  a: 1,\n  bb: }');
  assert.equal(error.message, `${FILE} is not valid JSON5 at line 3, column 7: unexpected '}'`);
  assert.equal(error.line, 3);
  assert.equal(error.column, 7);
  assert.equal(error.name, 'Json5SyntaxError');
});

test('each kind of syntax error points at the right place', () => {
  const cases: Array<[string, number, number, string]> = [
    ['{\n  a: 1\n  b: 2\n}', 3, 3, "expected ',', found an unquoted word"],
    ['{\n  a: "abc\n}', 2, 6, 'unterminated string'],
    ['{ a: 1 } /* never closed', 1, 10, 'unterminated comment'],
    ['{\n  a: 1,\n', 3, 1, 'unexpected end of file'],
    ['{ a: 1 } { b: 2 }', 1, 10, "unexpected '{'"],
    ['{ a: 1 = 2 }', 1, 8, "unexpected '='"],
    ['{\r\n  a: 1,\r\n  b: ]\r\n}', 3, 6, "unexpected ']'"],
    ['\uFEFF{ a: @ }', 1, 6, "unexpected '@'"],
    ['// only a comment\n@', 2, 1, "unexpected '@'"],
    ['{ x: "\\x4" }', 1, 6, 'invalid escape in string'],
    // after a reserved-word key the parser runs on rewritten text; positions still match the file
    ['{\n  default: { class: 1 },\n  new: 2 3\n}', 3, 10, "expected ',', found a number"],
  ];
  for (const [text, line, column, problem] of cases) {
    const error = syntaxError(text);
    assert.deepEqual([error.line, error.column, error.message], [line, column, `${FILE} is not valid JSON5 at line ${line}, column ${column}: ${problem}`], JSON.stringify(text));
  }
});

test('a syntax error never quotes the text around it: it may be a key', () => {
  const error = syntaxError('{\n  apiKey: sk_live_0123456789abcdef,\n}');
  assert.equal(error.message, `${FILE} is not valid JSON5 at line 2, column 11: unexpected unquoted word`);
  assert.doesNotMatch(error.message, /sk_live/);
});

// ─── Size and schema ─────────────────────────────────────────────────────────────────────────

function megabyteConfig(): string {
  const parts = ['// a big config\n{\n  models: {\n    providers: {\n      big: {\n        baseUrl: "http://127.0.0.1:9",\n        api: "openai-completions",\n        models: [\n'];
  for (let size = 0, i = 0; size < 1024 * 1024; i++) {
    const entry = `          // model ${i}\n          { id: 'model-${i}', name: "Model ${i}", reasoning: ${i % 2 === 0}, input: ['text', 'image'], contextWindow: 0x30D40, maxTokens: 64000 },\n`;
    parts.push(entry);
    size += entry.length;
  }
  parts.push('        ],\n      },\n    },\n  },\n}\n');
  return parts.join('');
}

// Correctness only: how fast it is belongs in the benchmark script, not in a timed assertion.
test('a 1 MB config parses, takes the edit and prints the rest as it was', () => {
  const text = megabyteConfig();
  assert.ok(text.length > 1024 * 1024);
  const doc = Json5Document.parse(text, FILE);
  routeThroughLiteLLM(doc);
  const after = doc.toString();
  const untouched = text.slice(0, text.indexOf('      },\n    },\n  },\n}\n') + '      },\n'.length);
  assert.ok(after.startsWith(untouched), 'the big provider is printed as it was');
  assert.equal((openClawReads(after) as any).models.providers.litellm.api, 'openai-completions');
  assert.equal(Json5Document.parse(text, FILE).toString(), text);
});

test('the edited config is valid for OpenClaw 2026.9 (its JSON schema, strict)', () => {
  const validate = openClawValidator();
  const before = Json5Document.parse(COMMENTED, FILE).get([]);
  assert.equal(validate(before), true, JSON.stringify(validate.errors));
  const after = openClawReads(edited(COMMENTED, routeThroughLiteLLM));
  assert.equal(validate(after), true, JSON.stringify(validate.errors));
  // The schema is strict enough to catch the mistakes this module exists to avoid:
  assert.equal(validate({ env: { LITELLM_API_KEY: 'sk-1' } }), false);
  assert.equal(validate({ models: { providers: { litellm: { ...LITELLM_PROVIDER, foo: 1 } } } }), false);
});
