// `--for`'s choices are the assistants' names, kept apart from the list of assistants so that a
// command needing only the name (`key info`) does not load every assistant (docs/performance.md).
// The names must be the list's own, and key info's modules must stay clear of the list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { build } from 'esbuild';
import { EXTERNAL } from '../../bin/bundle-config.mjs';
import { ASSISTANTS } from '../../src/composition/assistants.ts';
import { ASSISTANT_NAMES } from '../../src/composition/assistant-names.ts';
import { forOption } from '../../src/commands/for-option.ts';
import { ROOT } from '../support/cli.ts';

test('the names are the assistants\' own, in the list\'s order (the first is the default)', () => {
  assert.deepEqual(ASSISTANTS.map((a) => a.name), [...ASSISTANT_NAMES]);
  assert.deepEqual(forOption.choices, ASSISTANT_NAMES);
});

/** The source files loading `entry` loads: its static imports, followed (a lazy import() is not). */
async function loadedWith(entry: string): Promise<string[]> {
  const result = await build({ entryPoints: [join(ROOT, entry)], absWorkingDir: ROOT, bundle: true, platform: 'node', format: 'esm', external: [...EXTERNAL], write: false, metafile: true, splitting: true, outdir: 'out', logLevel: 'silent' });
  const inputs = result.metafile!.inputs;
  const seen = new Set([entry]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const imported of inputs[file]?.imports ?? []) {
      if (imported.kind === 'import-statement' && !seen.has(imported.path)) {
        seen.add(imported.path);
        queue.push(imported.path);
      }
    }
  }
  return [...seen];
}

test('key info loads the names, not the assistants', async () => {
  const loaded = await loadedWith('src/commands/key-info.ts');
  assert.ok(loaded.includes('src/composition/assistant-names.ts'), 'the check below looks at the right graph');
  assert.deepEqual(loaded.filter((file) => file === 'src/composition/assistants.ts' || file.startsWith('src/assistants/')), []);
});
