// One colour rule per stream: stderr is coloured by its own terminal, not stdout's, and errors obey
// --no-color and the environment given, not process.env.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { Ctx, type GlobalArgs } from '../../src/context.ts';
import { UserError } from '../../src/errors.ts';
import { colorFlagIn, colorLevel } from '../../src/output/color.ts';
import { reportError } from '../../src/run-command.ts';

const tty = { isTTY: true };
const pipe = { isTTY: false };

test('a stream is coloured when it is a terminal; --no-color and NO_COLOR win over it, --color and FORCE_COLOR force it', () => {
  assert.equal(colorLevel(tty, undefined, {}), 1);
  assert.equal(colorLevel(tty, undefined, { COLORTERM: 'truecolor' }), 3);
  assert.equal(colorLevel(pipe, undefined, {}), 0);
  assert.equal(colorLevel(tty, undefined, { TERM: 'dumb' }), 0);
  assert.equal(colorLevel(tty, false, { FORCE_COLOR: '1' }), 0);
  assert.equal(colorLevel(tty, undefined, { NO_COLOR: '1' }), 0);
  assert.equal(colorLevel(tty, undefined, { NO_COLOR: '' }), 1, 'an empty NO_COLOR does not count');
  assert.equal(colorLevel(pipe, true, {}), 1);
  assert.equal(colorLevel(pipe, undefined, { FORCE_COLOR: '1' }), 1);
});

test('--color and --no-color on a raw command line: the last one wins', () => {
  assert.equal(colorFlagIn(['key', 'info']), undefined);
  assert.equal(colorFlagIn(['--no-color']), false);
  assert.equal(colorFlagIn(['--no-color', '--color']), true);
  assert.equal(colorFlagIn(['--color=false']), false);
});

test('the context colours stderr by stderr\'s terminal and stdout by stdout\'s', () => {
  const io = (stdoutTTY: boolean, stderrTTY: boolean) => ({
    stdout: Object.assign(new PassThrough(), { isTTY: stdoutTTY }),
    stderr: Object.assign(new PassThrough(), { isTTY: stderrTTY }),
    stdin: new PassThrough(),
  });
  const args = { json: false } as GlobalArgs;
  const piped = new Ctx(args, io(false, true), {});
  assert.equal(piped.color.level, 0, 'stdout is a pipe');
  assert.equal(piped.stderrColor.level, 1, 'stderr is a terminal');
  const redirected = new Ctx(args, io(true, false), {});
  assert.equal(redirected.color.level, 1);
  assert.equal(redirected.stderrColor.level, 0, 'stderr redirected to a file gets no escapes');
});

test('an error on a terminal is red unless colour is off', () => {
  const shown = (colored: boolean) => {
    let text = '';
    const stderr = Object.assign(new PassThrough(), { isTTY: true });
    stderr.on('data', (chunk) => { text += chunk; });
    const io = { stdout: new PassThrough(), stderr, stdin: new PassThrough() };
    reportError(io, false, new UserError('The proxy is down.', { code: 'x' }), false, colored);
    return text;
  };
  assert.equal(shown(true), '\u001b[31m✗\u001b[39m The proxy is down.\n');
  assert.equal(shown(false), '✗ The proxy is down.\n');
});
