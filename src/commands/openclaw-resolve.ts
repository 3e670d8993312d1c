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
    // Each distinct id once: one keychain round trip each, however often it is asked for.
    for (const id of new Set(request.ids)) {
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

/** OpenClaw sends a few ids (one a key); 1 MiB and 256 ids leave room for any real config. */
const MAX_REQUEST_BYTES = 1024 * 1024;
const MAX_IDS = 256;

/** All of stdin, up to MAX_REQUEST_BYTES; past that, a UserError (whatever pipes in is not trusted to end). */
async function readAll(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += bytes.length;
    if (size > MAX_REQUEST_BYTES) {
      throw new UserError('ollm openclaw resolve got more than 1 MiB on stdin; an exec protocol v1 request is a few hundred bytes, so ollm stopped reading.', {
        code: 'request_too_large', hint: 'This command is meant to be run by OpenClaw (secrets.providers.ollm); check what is piped into it.',
      });
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
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
  const distinct = new Set(request.ids).size;
  if (distinct > MAX_IDS) {
    throw new UserError(`ollm openclaw resolve was asked for ${distinct} ids; ollm answers at most ${MAX_IDS} in one request.`, {
      code: 'too_many_ids', hint: 'OpenClaw asks for one id per key it uses; check what is piped into this command.',
    });
  }
  return request as ResolveRequest;
}

