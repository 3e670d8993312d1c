// Masking of secrets for every human and JSON output: `sk-…Ab3d`.

/** `sk-abcdefgh…wxyz` → `sk-…wxyz`. Short or odd values reveal nothing but their length class. */
export function maskKey(key: string): string {
  const prefix = key.startsWith('sk-') ? 'sk-' : '';
  const body = key.slice(prefix.length);
  if (body.length < 12) return `${prefix}…`;
  return `${prefix}…${body.slice(-4)}`;
}

/** LiteLLM's own abbreviated form (`key_name`: `sk-...Ab3d`) in ollm's style. */
export function maskFromKeyName(keyName: string | null | undefined): string {
  if (!keyName) return '…';
  const match = /^(sk-)?\.\.\.(.{1,8})$/.exec(keyName);
  if (match) return `${match[1] ?? ''}…${match[2]}`;
  return maskKey(keyName);
}

/**
 * Words in a text (a usage error echoing the command line) that look like keys, masked: `sk-`
 * words (LiteLLM's master and virtual keys), and long tokens mixing letters and digits. A key
 * typed where a flag or a URL belonged must not reach the terminal or a CI log.
 */
export function maskKeyLike(text: string): string {
  return text.replace(KEY_LIKE, maskKey);
}

const KEY_LIKE = /(?<![A-Za-z0-9_-])(?:sk-[A-Za-z0-9_\-.]+|(?=[A-Za-z0-9_\-]*\d)(?=[A-Za-z0-9_\-]*[A-Za-z])[A-Za-z0-9_\-]{24,})/g;

/** Whether a text holds a word `maskKeyLike` would mask: a value to refuse where no key belongs (a URL). */
export function holdsKeyLike(text: string): boolean {
  return maskKeyLike(text) !== text;
}

/** Replace every occurrence of the given secrets in a text (for errors and debug logs). */
export function redact(text: string, secrets: Iterable<string | undefined | null>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join(maskKey(secret));
  }
  return out;
}
