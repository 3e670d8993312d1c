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

/** Replace every occurrence of the given secrets in a text (for errors and debug logs). */
export function redact(text: string, secrets: Iterable<string | undefined | null>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join(maskKey(secret));
  }
  return out;
}
