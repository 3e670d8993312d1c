// A target record in words, for lists of where keys are written (the targets say the same when they write).
import type { TargetRecord } from './manifest.ts';

export function describeTargetRecord(record: TargetRecord): string {
  switch (record.kind) {
    case 'openclaw': return `OpenClaw config ${record.file} (${record.variable ? `env.vars.${record.variable}` : 'exec secret provider "ollm"'})`;
    case 'profile': return `shell profile ${record.file} (${record.mode === 'literal' ? record.variable : `${record.variable} looked up from the keychain`})`;
    case 'dotenv': return `OpenClaw .env ${record.file} (${record.variable})`;
  }
}

/** The short form for a table cell: "openclaw ~/.openclaw/openclaw.json". */
export function shortTargetRecord(record: TargetRecord): string {
  return `${record.kind} ${record.file}`;
}
