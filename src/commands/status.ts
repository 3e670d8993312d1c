// `ollm status`: one screen of every assistant found on this machine or holding a key — the alias
// it uses, where the key is kept and written, and from the proxy its spend, budget and reset
// date. The proxy is asked for all keys at once (key info's service); a proxy that does not
// answer, or a key it no longer has, is shown on that key's row, not as the command's failure.
import type { Ctx } from '../context.ts';
import { UserError } from '../errors.ts';
import type { LocalKey } from '../keys/local-keys.ts';
import { formatBudget, formatMoney } from '../output/format.ts';
import { keyRecordJson } from '../output/key-record.ts';
import { renderTable } from '../output/table.ts';
import { inlineText } from '../output/terminal-text.ts';
import { surveyAssistants, type AssistantSurvey } from '../status/survey.ts';
import { describeTargetRecord, shortTargetRecord } from '../targets/describe-record.ts';
import { KINDS } from '../targets/kinds-slot.ts';
import type { TargetRecord } from '../targets/record.ts';
import { ASSISTANTS } from '../composition/assistants.ts';
import { defineCommand } from './command.ts';
import { readKeyInfo, type KeyInfo } from './key-info.ts';

/** What the proxy said about one held key: its record, or why there is none. */
type Reading = { info: KeyInfo; error?: undefined } | { info?: undefined; error: UserError } | null;

/** A problem in the few words a table cell has room for (the message and hint follow the table). */
const SHORT: Record<string, string> = {
  key_deleted: 'deleted on the proxy',
  key_unknown: 'unknown to the proxy',
  key_not_found: 'not on the proxy',
  key_expired: 'expired',
  proxy_unreachable: 'proxy unreachable',
  proxy_dns: 'proxy unreachable (no such host)',
  proxy_timeout: 'proxy did not answer in time',
  proxy_connection_reset: 'proxy reset the connection',
  keychain_locked: 'keychain locked',
  keychain_unavailable: 'keychain unavailable',
};

export default defineCommand({
  command: 'status',
  examples: [
    ['ollm status', 'every assistant here: its key, where it is kept and written, spend and budget'],
    ['ollm status --json | jq \'.assistants[] | {name, key_alias}\'', 'which alias each assistant uses, for scripts'],
  ],
  args: {},
  async handler(_args, ctx) {
    const survey = await surveyAssistants(ctx, ASSISTANTS);
    const keys = [...survey.assistants.flatMap((s) => s.keys), ...survey.others];
    // One request per held key, all at once (each under the client's timeout).
    const readings = new Map(await Promise.all(keys.map(async (key) => [key.account, await readOnProxy(ctx, key)] as const)));
    const reading = (key: LocalKey): Reading => readings.get(key.account) ?? null;
    const kinds = await ctx.wired(KINDS);
    const describe = (record: TargetRecord) => describeTargetRecord(kinds, record);
    return {
      human: await humanStatus(ctx, survey.assistants, survey.others, reading, describe),
      json: {
        proxy_url: survey.proxy,
        assistants: survey.assistants.map((s) => ({
          name: s.assistant.name,
          display_name: s.assistant.displayName,
          found: s.installation !== null,
          config: s.installation?.config ?? null,
          program: s.installation?.program ?? null,
          key_alias: s.alias,
          keys: s.keys.map((key) => keyJson(key, reading(key), describe)),
        })),
        other_keys: survey.others.map((key) => keyJson(key, reading(key), describe)),
      },
    };
  },
});

/** The proxy's record of a key held here (nothing is asked for a key whose secret is gone from its store). */
async function readOnProxy(ctx: Ctx, key: LocalKey): Promise<Reading> {
  if (key.storage === null && !key.storageUnknown) return null;
  try {
    return { info: await readKeyInfo(ctx, key.alias) };
  } catch (error) {
    if (error instanceof UserError) return { error };
    throw error;
  }
}

function keyJson(key: LocalKey, reading: Reading, describe: (record: TargetRecord) => string) {
  return {
    key_alias: key.alias,
    storage: key.storage,
    ...(key.storageUnknown ? { storage_error: key.storageUnknown } : {}),
    written_to: key.targets.map((record) => ({ ...record, description: describe(record) })),
    on_proxy: reading?.info ? {
      ...keyRecordJson({ ...reading.info.record, token: reading.info.token }, key.alias),
      remaining_budget: reading.info.use.remaining,
      budget_used_percent: reading.info.use.usedPercent,
    } : null,
    error: reading?.error ? { message: reading.error.message, hint: reading.error.hint ?? null, code: reading.error.code } : null,
  };
}

async function humanStatus(ctx: Ctx, assistants: AssistantSurvey[], others: LocalKey[], reading: (key: LocalKey) => Reading, describe: (record: TargetRecord) => string): Promise<string> {
  const proxy = (await ctx.proxy()).base;
  if (assistants.length === 0 && others.length === 0) {
    return `No assistant (${ASSISTANTS.map((a) => a.displayName).join(', ')}) was found on this machine, and it holds no key for ${proxy}.`;
  }
  const terminal = Boolean(ctx.io.stdout.isTTY);
  const red = ctx.color.red;
  const written = (key: LocalKey) => key.targets.length ? key.targets.map(terminal ? shortTargetRecord : describe).join(', ') : 'nowhere';
  const stored = (key: LocalKey) => key.storage === 'keychain' ? 'keychain' : key.storage === 'insecure-file' ? 'file' : key.storageUnknown ? '? (store unreadable)' : red('missing');
  const notes: string[] = [];
  const keyCells = (who: string, key: LocalKey): string[] => {
    const read = reading(key);
    if (read?.error) notes.push(`${who} "${key.alias}": ${read.error.message}${read.error.hint ? ` ${read.error.hint}` : ''}`);
    if (key.storage === null && !key.storageUnknown) notes.push(`${who} "${key.alias}": ollm wrote this key, but no store holds it any more. \`ollm key revoke --alias ${key.alias}\` cleans up.`);
    const money = read?.info
      ? [formatMoney(read.info.record.spend), formatBudget(read.info.record.max_budget, read.info.record.budget_duration),
        read.info.record.budget_reset_at && read.info.record.budget_duration ? read.info.record.budget_reset_at.slice(0, 10) : '—']
      : [read?.error ? red(SHORT[read.error.code] ?? read.error.code) : '—', '', ''];
    return [inlineText(key.alias), stored(key), ...money, written(key)];
  };
  const rows: string[][] = [];
  for (const s of assistants) {
    const found = s.installation?.config ?? s.installation?.program ?? ctx.color.dim('not found');
    if (s.keys.length === 0) {
      rows.push([s.assistant.displayName, found, inlineText(s.alias), ctx.color.dim('no key'), '', '', '', '']);
      notes.push(`${s.assistant.displayName} has no key yet: \`ollm key create --for ${s.assistant.name} --budget 50 --monthly\` makes "${s.alias}".`);
      continue;
    }
    s.keys.forEach((key, i) => rows.push([i === 0 ? s.assistant.displayName : '', i === 0 ? found : '', ...keyCells(s.assistant.displayName, key)]));
  }
  for (const key of others) rows.push([ctx.color.dim('(no assistant)'), '', ...keyCells('Key', key)]);
  const table = await renderTable(['Assistant', 'Found', 'Alias', 'Stored', 'Spend', 'Budget', 'Resets', 'Written to'], rows, { terminal, color: ctx.color.level > 0 });
  // Problems and their fixes on stderr: stdout stays the table a script cuts.
  for (const note of notes) ctx.warn(note);
  return terminal ? `${ctx.color.dim(`Proxy ${proxy}`)}\n${table}` : table;
}
