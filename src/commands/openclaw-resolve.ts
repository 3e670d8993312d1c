// `ollm openclaw resolve`: OpenClaw's exec secret-provider protocol v1 on stdin/stdout. stdout
// carries exactly one JSON answer and nothing else; problems go to stderr and into `errors`.
import { UserError } from '../errors.ts';
import { KEY_SERVICE } from '../secrets/store.ts';
import { accountForSecretRefId } from '../assistants/openclaw/secret-ref.ts';
import { defineCommand } from './command.ts';
import { inlineText } from '../output/terminal-text.ts';

interface ResolveRequest {
  protocolVersion: number;
  provider?: string;
  ids: string[];
}

export default defineCommand({
  command: 'resolve',
  examples: [
    ['echo \'{"protocolVersion":1,"provider":"ollm","ids":["openclaw/http://localhost:4000"]}\' | ollm openclaw resolve', 'what OpenClaw sends'],
  ],
  args: {},
  async handler(_args, ctx) {
    const request = parseRequest(await readAll(ctx.io.stdin));
    const vault = await ctx.vault();
    // Only a hashed id needs ollm's target list to be mapped back; read it only then.
    let known: string[] | undefined;
    const knownAccounts = async () => (known ??= await (await ctx.manifest()).accounts().catch(() => []));
    const values: Record<string, string> = {};
    const errors: Record<string, { code: string; message?: string }> = {};
    for (const id of request.ids) {
      try {
        const account = accountForSecretRefId(id, []) ?? accountForSecretRefId(id, await knownAccounts());
        const found = account ? await vault.find(KEY_SERVICE, account) : null;
        if (found) values[id] = found.secret;
        else errors[id] = { code: 'NOT_FOUND', message: `ollm holds no key ${id}` };
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        ctx.io.stderr.write(`ollm: ${inlineText(error.message)}\n`);
        errors[id] = { code: error.code.toUpperCase(), message: error.message };
      }
    }
    const answer = { protocolVersion: 1, values, ...(Object.keys(errors).length ? { errors } : {}) };
    ctx.io.stdout.write(`${JSON.stringify(answer)}\n`);
    return { human: '', json: null, silent: true };
  },
});

async function readAll(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stdin) text += chunk.toString();
  return text;
}

function parseRequest(text: string): ResolveRequest {
  let data: unknown;
  try { data = JSON.parse(text); } catch { data = null; }
  const request = data as Partial<ResolveRequest> | null;
  if (!request || request.protocolVersion !== 1 || !Array.isArray(request.ids) || !request.ids.every((id) => typeof id === 'string')) {
    throw new UserError('ollm openclaw resolve expects OpenClaw\'s exec protocol v1 on stdin: {"protocolVersion":1,"ids":[…]}.', {
      code: 'bad_request', hint: 'This command is meant to be run by OpenClaw (secrets.providers.ollm), not by hand.',
    });
  }
  return request as ResolveRequest;
}

