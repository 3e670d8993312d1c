// The systemd user units of the job, as text (pure, so they are verified on their own): a oneshot
// service that runs ollm by absolute paths with exactly the job's environment, and a daily timer
// that catches up after the machine was off (Persistent=) and spreads a fleet (RandomizedDelaySec=).
import type { JobSpec } from './job-spec.ts';

export const UNIT_NAME = 'ollm-rotate';

/**
 * One word of a unit line: as is when plainly safe, else in double quotes with C escapes. `%`
 * starts a specifier everywhere; in ExecStart `$` starts a variable: both are doubled.
 */
export function unitWord(word: string, inExec: boolean): string {
  let text = /^[A-Za-z0-9_@+=:,./~-]+$/.test(word) ? word : `"${word.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
  text = text.replace(/%/g, '%%');
  return inExec ? text.replace(/\$/g, '$$$$') : text;
}

export function serviceUnit(job: JobSpec): string {
  return [
    '# Written by `ollm schedule set`; `ollm schedule remove` takes it away. No secret here:',
    '# the job reads its credential from the keychain on the session bus.',
    '[Unit]',
    'Description=ollm: rotate the LiteLLM virtual keys that are due',
    '',
    '[Service]',
    'Type=oneshot',
    ...Object.entries(job.env).map(([name, value]) => `Environment=${unitWord(`${name}=${value}`, false)}`),
    `ExecStart=${job.argv.map((w) => unitWord(w, true)).join(' ')}`,
    'TimeoutStartSec=15min',
    'Nice=10',
    'UMask=0077',
    // Hardening that needs no namespaces (a user manager often cannot make them) and leaves the two
    // things the job needs: the session bus (AF_UNIX, the keychain) and the network (the proxy).
    'NoNewPrivileges=yes',
    'RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6',
    'RestrictRealtime=yes',
    'RestrictSUIDSGID=yes',
    'LockPersonality=yes',
    'SystemCallArchitectures=native',
    '',
  ].join('\n');
}

export function timerUnit(): string {
  return [
    '# Written by `ollm schedule set`; `ollm schedule remove` takes it away.',
    '[Unit]',
    'Description=ollm: daily check for LiteLLM virtual keys due for rotation',
    '',
    '[Timer]',
    'OnCalendar=daily',
    'Persistent=true',
    'RandomizedDelaySec=1h',
    '',
    '[Install]',
    'WantedBy=timers.target',
    '',
  ].join('\n');
}
