// What `exec` and `env` give pi. pi reads no variable of its own for ollm's provider: its
// models.json says where the key comes from. LITELLM_API_KEY is set all the same, for a
// models.json that names it (`"apiKey": "LITELLM_API_KEY"`, pi's variable-name form). In the
// helper style pi runs ollm's key helper, which must reach the keychain.
import type { HandOver } from '../assistant.ts';
import { isPiRecord } from './record.ts';

export const piHandOver = {
  flags: {},
  async variables(ctx, account) {
    const record = (await (await ctx.manifest()).targetsOf(account)).find(isPiRecord);
    return {
      names: ['LITELLM_API_KEY'],
      needsKeychain: record?.style === 'file'
        ? null
        : 'pi\'s helper style makes pi run `ollm key get` for the key, which needs the keychain: add --pass-keychain if the command is pi.',
    };
  },
} satisfies HandOver;
