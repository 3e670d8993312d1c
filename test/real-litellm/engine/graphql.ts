// Parser for the GraphQL subset prisma-client-py's query builder emits: one anonymous
// `query`/`mutation` operation, aliased fields, literal arguments, nested selections.
// Anything outside that subset (variables, fragments, directives) is rejected by name
// rather than guessed at.

export type GqlValue =
  | { kind: 'string'; value: string }
  /** raw keeps the literal text so integers beyond 2^53 (BigInt columns) survive */
  | { kind: 'number'; raw: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'enum'; name: string }
  | { kind: 'list'; items: GqlValue[] }
  | { kind: 'object'; fields: Array<[string, GqlValue]> };

export interface GqlField {
  alias: string | null;
  name: string;
  args: Array<[string, GqlValue]>;
  selection: GqlField[] | null;
}

export interface GqlOperation {
  operation: 'query' | 'mutation';
  fields: GqlField[];
}

type Token =
  | { t: 'punct'; v: string; pos: number }
  | { t: 'name'; v: string; pos: number }
  | { t: 'string'; v: string; pos: number }
  | { t: 'number'; v: string; pos: number };

export class GraphQLSyntaxError extends Error {
  constructor(message: string, source: string, pos: number) {
    super(`GraphQL: ${message} at offset ${pos}: …${source.slice(Math.max(0, pos - 30), pos + 30)}…`);
    this.name = 'GraphQLSyntaxError';
  }
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ',' || c === '\ufeff') { i++; continue; }
    if (c === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if ('{}()[]:'.includes(c)) { tokens.push({ t: 'punct', v: c, pos: i }); i++; continue; }
    if ('$@!=|&'.includes(c) || src.startsWith('...', i)) {
      throw new GraphQLSyntaxError(`unsupported GraphQL construct "${c}" (variables, directives and fragments are not emitted by prisma-client-py)`, src, i);
    }
    if (c === '"') {
      if (src.startsWith('"""', i)) throw new GraphQLSyntaxError('block strings are not supported', src, i);
      const start = i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\') i++;
        if (src[i] === '\n') throw new GraphQLSyntaxError('unterminated string', src, start);
        i++;
      }
      if (i >= src.length) throw new GraphQLSyntaxError('unterminated string', src, start);
      i++;
      // prisma-client-py writes strings with json.dumps, and GraphQL escapes are a subset of JSON's.
      tokens.push({ t: 'string', v: JSON.parse(src.slice(start, i)) as string, pos: start });
      continue;
    }
    const num = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(src.slice(i, i + 64));
    if (num && (c === '-' || (c >= '0' && c <= '9'))) {
      const after = src[i + num[0].length];
      if (after !== undefined && /[A-Za-z_.]/.test(after)) throw new GraphQLSyntaxError('malformed number', src, i);
      tokens.push({ t: 'number', v: num[0], pos: i });
      i += num[0].length;
      continue;
    }
    const name = /^[_A-Za-z][_0-9A-Za-z]*/.exec(src.slice(i, i + 256));
    if (name) {
      tokens.push({ t: 'name', v: name[0], pos: i });
      i += name[0].length;
      continue;
    }
    throw new GraphQLSyntaxError(`unexpected character ${JSON.stringify(c)}`, src, i);
  }
  return tokens;
}

export function parseOperation(src: string): GqlOperation {
  const tokens = tokenize(src);
  let k = 0;
  const peek = (): Token | undefined => tokens[k];
  const fail = (msg: string): never => {
    throw new GraphQLSyntaxError(msg, src, peek()?.pos ?? src.length);
  };
  const expectPunct = (v: string): void => {
    const tok = peek();
    if (tok?.t !== 'punct' || tok.v !== v) fail(`expected "${v}"`);
    k++;
  };
  const isPunct = (v: string): boolean => {
    const tok = peek();
    return tok?.t === 'punct' && tok.v === v;
  };
  const expectName = (): string => {
    const tok = peek();
    if (tok?.t !== 'name') return fail('expected a name');
    k++;
    return tok.v;
  };

  const parseValue = (): GqlValue => {
    const tok = peek();
    if (!tok) return fail('expected a value');
    if (tok.t === 'string') { k++; return { kind: 'string', value: tok.v }; }
    if (tok.t === 'number') { k++; return { kind: 'number', raw: tok.v }; }
    if (tok.t === 'name') {
      k++;
      if (tok.v === 'true' || tok.v === 'false') return { kind: 'boolean', value: tok.v === 'true' };
      if (tok.v === 'null') return { kind: 'null' };
      return { kind: 'enum', name: tok.v };
    }
    if (tok.v === '[') {
      k++;
      const items: GqlValue[] = [];
      while (!isPunct(']')) items.push(parseValue());
      k++;
      return { kind: 'list', items };
    }
    if (tok.v === '{') {
      k++;
      const fields: Array<[string, GqlValue]> = [];
      while (!isPunct('}')) {
        const key = expectName();
        expectPunct(':');
        fields.push([key, parseValue()]);
      }
      k++;
      return { kind: 'object', fields };
    }
    return fail(`unexpected "${tok.v}" where a value was expected`);
  };

  const parseArgs = (): Array<[string, GqlValue]> => {
    const args: Array<[string, GqlValue]> = [];
    if (!isPunct('(')) return args;
    k++;
    while (!isPunct(')')) {
      const key = expectName();
      expectPunct(':');
      args.push([key, parseValue()]);
    }
    k++;
    return args;
  };

  const parseSelection = (): GqlField[] => {
    expectPunct('{');
    const fields: GqlField[] = [];
    while (!isPunct('}')) {
      let alias: string | null = null;
      let name = expectName();
      if (isPunct(':')) {
        k++;
        alias = name;
        name = expectName();
      }
      const args = parseArgs();
      const selection = isPunct('{') ? parseSelection() : null;
      fields.push({ alias, name, args, selection });
    }
    k++;
    return fields;
  };

  const op = expectName();
  if (op !== 'query' && op !== 'mutation') fail(`unsupported operation type "${op}"`);
  if (peek()?.t === 'name') k++; // an operation name changes nothing about execution
  const fields = parseSelection();
  if (k !== tokens.length) fail('trailing input after the operation');
  return { operation: op as 'query' | 'mutation', fields };
}
