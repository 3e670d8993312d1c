// The scheduled job as each scheduler would start it, read back from what `ollm schedule set`
// installed by parsers of the test's own (not ollm's writers): the crontab line, the systemd
// unit's ExecStart= and Environment=, the LaunchAgent plist. Plus stand-ins for crontab,
// systemctl and launchctl, which this container does not run (no cron, no user manager, no macOS).
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCollected, type RunResult } from './cli.ts';

export interface Job {
  argv: string[];
  env: Record<string, string>;
}

/** Stand-in programs in `<dir>/bin`: crontab keeps its table in `<dir>/crontab`; systemctl and launchctl log each call to `<dir>/calls`. */
export function standIns(dir: string, options: { userManager?: boolean } = {}): { bin: string; table: string; calls: string } {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const table = join(dir, 'crontab');
  const calls = join(dir, 'calls');
  const script = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  script('crontab', [
    `f='${table}'`,
    'case "$1" in',
    '  -l) if [ -f "$f" ]; then cat "$f"; else echo "no crontab for $(id -un)" >&2; exit 1; fi ;;',
    '  -) cat > "$f" ;;',
    '  *) echo "usage" >&2; exit 2 ;;',
    'esac',
  ].join('\n'));
  script('systemctl', [
    `echo "systemctl $*" >> '${calls}'`,
    `if [ "$2" = show-environment ]; then ${options.userManager === false ? 'echo "Failed to connect to bus: No medium found" >&2; exit 1' : 'echo HOME=/x'}; fi`,
    'if [ "$2" = show ]; then echo "Thu 2030-01-03 00:41:12 UTC"; fi',
    'exit 0',
  ].join('\n'));
  script('launchctl', `echo "launchctl $*" >> '${calls}'\nexit 0`);
  return { bin, table, calls };
}

// ---- cron ----

/** The one job line between ollm's markers, as cron reads it: five time fields and a command. */
export function cronEntry(table: string): { fields: string[]; command: string } {
  const lines = table.split('\n');
  const begin = lines.indexOf('# BEGIN ollm schedule');
  const end = lines.indexOf('# END ollm schedule');
  if (begin < 0 || end < begin) throw new Error(`no ollm block in the crontab:\n${table}`);
  const jobs = lines.slice(begin + 1, end).filter((l) => l.trim() && !l.startsWith('#'));
  if (jobs.length !== 1) throw new Error(`expected one job line, got ${jobs.length}`);
  return { fields: jobs[0]!.split(/\s+/).slice(0, 5), command: jobs[0]!.replace(/^(\S+\s+){5}/, '') };
}

/** cron's own treatment of the command: an unescaped % ends it; \% is a %. */
export function cronCommand(command: string): string {
  if (/(^|[^\\])%/.test(command)) throw new Error('an unescaped % would cut the command');
  return command.replace(/\\%/g, '%');
}

/** POSIX shell words of a command made of bare and single-quoted words (what ollm writes), without redirections. */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let rest = command.trim();
  while (rest) {
    let word = '';
    while (rest && !/^\s/.test(rest)) {
      if (rest.startsWith("'")) {
        const close = rest.indexOf("'", 1);
        word += rest.slice(1, close);
        rest = rest.slice(close + 1);
      } else if (rest.startsWith('\\')) {
        word += rest[1];
        rest = rest.slice(2);
      } else {
        word += rest[0];
        rest = rest.slice(1);
      }
    }
    if (!word.startsWith('>')) words.push(word);
    rest = rest.trimStart();
  }
  return words;
}

/** `/usr/bin/env -i NAME=value … argv…` → the job. */
export function jobFromCron(command: string): Job {
  const words = shellWords(cronCommand(command));
  if (words[0] !== '/usr/bin/env' || words[1] !== '-i') throw new Error(`the job does not start with env -i: ${command}`);
  const env: Record<string, string> = {};
  let i = 2;
  for (; i < words.length && /^[A-Z_][A-Z0-9_]*=/.test(words[i]!); i++) {
    const eq = words[i]!.indexOf('=');
    env[words[i]!.slice(0, eq)] = words[i]!.slice(eq + 1);
  }
  return { env, argv: words.slice(i) };
}

/**
 * Run the command as cron does: /bin/sh -c with cron's small environment. The one addition is
 * the test clock, set inside `env -i` (OLLM_TEST_NOW, read only by main.ts).
 */
export function runAsCron(command: string, now: Date): Promise<RunResult> {
  const line = cronCommand(command).replace(/^\/usr\/bin\/env -i /, `/usr/bin/env -i OLLM_TEST_NOW=${now.toISOString()} `);
  return run('/bin/sh', ['-c', line], { PATH: '/usr/bin:/bin', SHELL: '/bin/sh', LOGNAME: 'nobody' });
}

// ---- systemd ----

/** systemd's word splitting of a unit setting: double- or single-quoted words with C escapes; then %% → %, and in ExecStart $$ → $. */
export function unitWords(value: string, inExec: boolean): string[] {
  const words: string[] = [];
  let rest = value.trim();
  while (rest) {
    let word = '';
    if (rest[0] === '"' || rest[0] === "'") {
      const quote = rest[0];
      let i = 1;
      for (; i < rest.length && rest[i] !== quote; i++) {
        if (rest[i] === '\\') {
          const next = rest[++i]!;
          word += next === 'n' ? '\n' : next === 't' ? '\t' : next;
        } else word += rest[i];
      }
      rest = rest.slice(i + 1);
    } else {
      const end = rest.search(/\s/);
      word = end < 0 ? rest : rest.slice(0, end);
      rest = end < 0 ? '' : rest.slice(end);
    }
    word = word.replace(/%%/g, '%');
    words.push(inExec ? word.replace(/\$\$/g, '$') : word);
    rest = rest.trimStart();
  }
  return words;
}

/** Settings of one section, in order: name → values. */
export function unitSettings(text: string, section: string): Map<string, string[]> {
  const settings = new Map<string, string[]>();
  let current = '';
  for (const line of text.split('\n')) {
    if (/^\s*[#;]/.test(line) || !line.trim()) continue;
    const header = /^\[(.+)\]$/.exec(line.trim());
    if (header) { current = header[1]!; continue; }
    if (current !== section) continue;
    const eq = line.indexOf('=');
    const name = line.slice(0, eq).trim();
    settings.set(name, [...(settings.get(name) ?? []), line.slice(eq + 1)]);
  }
  return settings;
}

export function jobFromUnit(service: string): Job {
  const settings = unitSettings(service, 'Service');
  const env: Record<string, string> = {};
  for (const value of settings.get('Environment') ?? []) {
    for (const word of unitWords(value, false)) {
      const eq = word.indexOf('=');
      env[word.slice(0, eq)] = word.slice(eq + 1);
    }
  }
  const exec = settings.get('ExecStart') ?? [];
  if (exec.length !== 1) throw new Error('expected one ExecStart=');
  return { env, argv: unitWords(exec[0]!, true) };
}

// ---- launchd ----

type Plist = string | number | boolean | Plist[] | { [key: string]: Plist };

/** A small XML plist reader (dict, array, string, integer, true, false), strict about what it meets. */
export function parsePlist(xml: string): Plist {
  const body = xml.replace(/<\?xml[^>]*\?>/, '').replace(/<!DOCTYPE[^>]*>/, '').replace(/<!--[\s\S]*?-->/g, '');
  const tokens = [...body.matchAll(/<(\/?)([a-z]+)(?:\s[^>]*?)?(\/?)>|([^<]+)/g)].map((m) => (m[4] !== undefined ? { text: m[4] } : { close: m[1] === '/', name: m[2]!, empty: m[3] === '/' }))
    .filter((t) => !('text' in t) || t.text!.trim() !== '');
  let i = 0;
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const expectClose = (name: string) => {
    const t = tokens[i++] as { close?: boolean; name?: string };
    if (!t?.close || t.name !== name) throw new Error(`expected </${name}>`);
  };
  const textUntil = (name: string): string => {
    const t = tokens[i] as { text?: string };
    let text = '';
    if (t && 'text' in t) { text = t.text!; i++; }
    expectClose(name);
    return unescape(text);
  };
  const value = (): Plist => {
    const t = tokens[i++] as { close: boolean; name: string; empty: boolean };
    if (t.name === 'true' && t.empty) return true;
    if (t.name === 'false' && t.empty) return false;
    if (t.name === 'string') return textUntil('string');
    if (t.name === 'integer') return Number(textUntil('integer'));
    if (t.name === 'array') {
      const items: Plist[] = [];
      while (!(tokens[i] as { close?: boolean }).close) items.push(value());
      expectClose('array');
      return items;
    }
    if (t.name === 'dict') {
      const dict: Record<string, Plist> = {};
      while (!(tokens[i] as { close?: boolean }).close) {
        const k = tokens[i++] as { name: string };
        if (k.name !== 'key') throw new Error('expected <key>');
        const key = textUntil('key');
        dict[key] = value();
      }
      expectClose('dict');
      return dict;
    }
    throw new Error(`unexpected <${t.name}>`);
  };
  const root = tokens[i++] as { name: string };
  if (root.name !== 'plist') throw new Error('not a plist');
  const result = value();
  expectClose('plist');
  return result;
}

export function jobFromPlist(xml: string): Job {
  const plist = parsePlist(xml) as Record<string, Plist>;
  return { argv: plist.ProgramArguments as string[], env: plist.EnvironmentVariables as Record<string, string> };
}

/** Start the job with exactly its environment (as `env -i` would) plus the test clock. */
export function runJob(job: Job, now: Date): Promise<RunResult> {
  return run(job.argv[0]!, job.argv.slice(1), { ...job.env, OLLM_TEST_NOW: now.toISOString() });
}

function run(file: string, args: string[], env: Record<string, string>): Promise<RunResult> {
  return runCollected(file, args, { env, timeoutMs: 300_000 });
}
