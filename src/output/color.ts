// The one colour decision, per stream: --no-color and NO_COLOR turn it off, --color and
// FORCE_COLOR on; otherwise a stream is coloured only when it is a terminal (and TERM is not dumb).
import { Chalk, type ChalkInstance } from 'chalk';

export function colorLevel(stream: { isTTY?: boolean }, flag: boolean | undefined, env: NodeJS.ProcessEnv): 0 | 1 | 2 | 3 {
  if (flag === false || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return 0;
  if (flag === true || (env.FORCE_COLOR && env.FORCE_COLOR !== '0')) return 1;
  if (!stream.isTTY || env.TERM === 'dumb') return 0;
  return env.COLORTERM === 'truecolor' ? 3 : 1;
}

export function colorFor(stream: { isTTY?: boolean }, flag: boolean | undefined, env: NodeJS.ProcessEnv): ChalkInstance {
  return new Chalk({ level: colorLevel(stream, flag, env) });
}

/** --color / --no-color as given on a command line not parsed yet, or refused by the parser (the last one wins). */
export function colorFlagIn(argv: readonly string[]): boolean | undefined {
  let flag: boolean | undefined;
  for (const arg of argv) {
    if (arg === '--color' || arg === '--color=true') flag = true;
    else if (arg === '--no-color' || arg === '--color=false') flag = false;
  }
  return flag;
}
