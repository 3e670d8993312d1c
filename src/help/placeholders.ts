// What a flag's value is, as help shows it (`--grace <duration>`). One name means one kind of
// value in every command, so the table is by flag name; the rest fall back to their type.
import type { Options } from '../parse/options.ts';

const PLACEHOLDERS: Record<string, string> = {
  'proxy-url': 'url',
  timeout: 'seconds',
  alias: 'name',
  budget: 'usd',
  'budget-duration': 'duration',
  expires: 'duration',
  grace: 'duration',
  'older-than': 'duration',
  every: 'duration',
  scheduler: 'scheduler',
  wait: 'duration',
  models: 'models',
  rpm: 'n',
  tpm: 'n',
  'max-parallel': 'n',
  concurrency: 'n',
  days: 'n',
  'fail-above': 'percent',
  metadata: 'key=value',
  write: 'targets',
  'openclaw-config': 'file',
  'profile-file': 'file',
  'openclaw-style': 'style',
  style: 'style',
  'profile-mode': 'mode',
  store: 'store',
  'default-model': 'model',
  for: 'assistant',
  match: 'glob',
  by: 'view',
  shell: 'shell',
};

export function placeholder(name: string, option: Options): string {
  return `<${PLACEHOLDERS[name] ?? (option.type === 'number' ? 'number' : 'text')}>`;
}
