// Shell-style wildcards as a RegExp that must match the whole text: `*` is any run of characters,
// `?` any one character; everything else is literal. LiteLLM's model routes (`anthropic/*`) know
// only `*`, so `?` can be made literal.
export function globToRegExp(glob: string, options: { questionMark?: boolean } = {}): RegExp {
  const questionMark = options.questionMark ?? true;
  let source = '';
  for (const char of glob) {
    if (char === '*') source += '.*';
    else if (char === '?' && questionMark) source += '.';
    else source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
