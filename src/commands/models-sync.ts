// `ollm models sync`: make an assistant's model list for the proxy match what /v1/models offers
// the key (OpenClaw's litellm provider today); the assistant does the syncing (Assistant.models).
import { UsageError } from '../errors.ts';
import { requireHeldKey } from '../keys/require-held-key.ts';
import { resolveAlias } from '../keys/alias.ts';
import { assistantFor, MODEL_SYNC_FLAGS } from '../composition/assistants.ts';
import { aliasOption } from './shared-options.ts';
import { forOption } from './for-option.ts';
import { defineCommand } from './command.ts';

export default defineCommand({
  command: 'sync',
  examples: [
    ['ollm models sync', 'add the models the "openclaw" key may use to OpenClaw\'s litellm provider'],
    ['ollm models sync --dry-run', 'show what would be added and what is no longer offered; write nothing'],
    ['ollm models sync --prune', 'also remove entries for models the proxy no longer offers'],
    ['ollm models sync --alias bot --openclaw-config ~/bot/openclaw.json --json', 'another key and config, for scripts'],
  ],
  args: {
    alias: aliasOption,
    for: forOption,
    prune: { type: 'boolean', default: false, describe: 'Remove entries for models the proxy no longer offers (kept and reported otherwise)' },
    'dry-run': { type: 'boolean', default: false, describe: 'Show what would change; write nothing' },
    ...MODEL_SYNC_FLAGS,
  },
  async handler(args, ctx) {
    const assistant = assistantFor(args.for);
    if (!assistant.models) throw new UsageError(`ollm keeps no model list for ${assistant.displayName}.`, 'Leave out --for, or name an assistant that has one.');
    const alias = await resolveAlias(args, ctx);
    const held = await requireHeldKey(ctx, alias);
    return assistant.models.sync(ctx, { alias, held, prune: args.prune, dryRun: args.dryRun, flags: args });
  },
});
