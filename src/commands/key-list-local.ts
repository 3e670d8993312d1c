// `ollm key list --local` (and `ollm key list` without a master key): the keys this machine
// holds, for every proxy, from ollm's own records — no master key, no request.
import type { Ctx } from '../context.ts';
import { localKeys } from '../keys/local-keys.ts';
import { describeTargetRecord, shortTargetRecord } from '../targets/describe-record.ts';
import { KINDS } from '../targets/kinds-slot.ts';
import { renderTable } from '../output/table.ts';
import type { CommandResult } from './command.ts';

export async function listLocalKeys(ctx: Ctx, options: { noMasterKey?: boolean } = {}): Promise<CommandResult> {
  const [keys, kinds] = await Promise.all([localKeys(ctx), ctx.wired(KINDS)]);
  const describe = (record: (typeof keys)[number]['targets'][number]) => describeTargetRecord(kinds, record);
  if (options.noMasterKey) {
    ctx.warn('No master key: these are the keys this machine holds. Set LITELLM_MASTER_KEY or run `ollm login` to list the proxy\'s keys.');
  }
  const storage = (k: (typeof keys)[number]) => k.storeDescription ?? (k.storageUnknown ? '? (store unreadable)' : ctx.color.red('missing'));
  const terminal = Boolean(ctx.io.stdout.isTTY);
  const human = keys.length === 0
    ? 'This machine holds no keys. Create one with `ollm key create --budget 50 --monthly`.'
    : await renderTable(['Alias', 'Proxy', 'Stored in', 'Written to'], keys.map((k) => [
      k.alias,
      k.proxy,
      storage(k),
      k.targets.length ? k.targets.map(terminal ? shortTargetRecord : describe).join(', ') : 'nowhere (--write none)',
    ]), { terminal, color: ctx.color.level > 0 });
  return {
    human,
    json: {
      local: true,
      keys: keys.map((k) => ({
        key_alias: k.alias,
        proxy_url: k.proxy,
        storage: k.storage,
        ...(k.storageUnknown ? { storage_error: k.storageUnknown } : {}),
        written_to: k.targets.map((t) => ({ ...t, description: describe(t) })),
      })),
    },
  };
}
