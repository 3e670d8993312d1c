// Every command's --help carries realistic examples; `ollm --help` groups commands by section.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeHome, runOllm } from '../support/cli.ts';
import { COMMANDS, SECTIONS } from '../../src/commands/registry.ts';

const home = makeHome();

for (const entry of COMMANDS) {
  const name = entry.path.join(' ');
  test(`ollm ${name} --help shows usage and at least one example that runs this command`, async () => {
    const result = await runOllm([...entry.path, '--help'], { env: home.env });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`ollm ${name}`));
    const examples = result.stdout.split(/^Examples:$/m)[1];
    assert.ok(examples, `no Examples section:\n${result.stdout}`);
    // yargs wraps long examples, so words may be split across lines.
    assert.match(examples, new RegExp(`ollm\\s+${entry.path.join('\\s+')}\\b`), `an example must run "ollm ${name}":\n${examples}`);
  });
}

test('ollm --help lists every command once, under its section, sections in order', async () => {
  const result = await runOllm(['--help'], { env: home.env });
  assert.equal(result.code, 0, result.stderr);
  const text = result.stdout;
  const positions = Object.values(SECTIONS).map((heading) => text.search(new RegExp(`^${heading}:?$`, 'm')));
  assert.ok(positions.every((p) => p >= 0), `every section heading is shown:\n${text}`);
  assert.deepEqual([...positions].sort((a, b) => a - b), positions, 'sections in the declared order');
  for (const entry of COMMANDS) {
    const at = text.search(new RegExp(`^\\s+(ollm )?${entry.path.join(' ')}\\b`, 'm'));
    assert.ok(at >= 0, `${entry.path.join(' ')} is listed:\n${text}`);
    const section = Object.keys(SECTIONS).indexOf(entry.section);
    assert.ok(at > positions[section]! && (section + 1 >= positions.length || at < positions[section + 1]!), `${entry.path.join(' ')} under ${SECTIONS[entry.section]}`);
  }
});

test.after(() => home.cleanup());
