// Reads just enough of a Prisma schema to know each field's type, because the GraphQL
// protocol carried untyped literals while the JSON protocol wants Json/DateTime/BigInt/… tagged.

export type ScalarKind =
  | 'String' | 'Boolean' | 'Int' | 'BigInt' | 'Float' | 'Decimal' | 'DateTime' | 'Json' | 'Bytes';

export interface FieldInfo {
  name: string;
  /** scalar: one of ScalarKind; enum: enum name; object: related model name */
  type: string;
  kind: 'scalar' | 'enum' | 'object' | 'unsupported';
  isList: boolean;
  isOptional: boolean;
}

export interface Datamodel {
  models: Map<string, Map<string, FieldInfo>>;
  enums: Set<string>;
}

const SCALARS = new Set<string>(['String', 'Boolean', 'Int', 'BigInt', 'Float', 'Decimal', 'DateTime', 'Json', 'Bytes']);

function stripComment(line: string): string {
  // `//` inside a string literal (e.g. a default URL) must not start a comment.
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') { i++; continue; }
    if (c === '"') inString = !inString;
    if (!inString && c === '/' && line[i + 1] === '/') return line.slice(0, i);
  }
  return line;
}

export function parseDatamodel(schema: string): Datamodel {
  const models = new Map<string, Map<string, FieldInfo>>();
  const enums = new Set<string>();
  const rawFields: Array<[string, string, string]> = [];
  let block: { kind: string; name: string } | null = null;
  for (const raw of schema.split('\n')) {
    const line = stripComment(raw).trim();
    if (!line) continue;
    if (!block) {
      const m = /^(model|enum|view|type|generator|datasource)\s+(\w+)\s*\{$/.exec(line);
      if (m) {
        block = { kind: m[1]!, name: m[2]! };
        if (block.kind === 'model' || block.kind === 'view') models.set(block.name, new Map());
        if (block.kind === 'enum') enums.add(block.name);
      }
      continue;
    }
    if (line === '}') { block = null; continue; }
    if (block.kind !== 'model' && block.kind !== 'view') continue;
    if (line.startsWith('@@')) continue;
    const m = /^(\w+)\s+([\w]+(?:\([^)]*\))?)(\[\])?(\?)?/.exec(line);
    if (!m) throw new Error(`datamodel: cannot read field line in ${block.name}: ${raw.trim()}`);
    rawFields.push([block.name, line, m[0]]);
    const [, name, type, list, optional] = m;
    let kind: FieldInfo['kind'];
    if (type!.startsWith('Unsupported')) kind = 'unsupported';
    else if (SCALARS.has(type!)) kind = 'scalar';
    else kind = 'object'; // resolved against enums below, once every block has been seen
    models.get(block.name)!.set(name!, { name: name!, type: type!, kind, isList: !!list, isOptional: !!optional });
  }
  for (const fields of models.values()) {
    for (const f of fields.values()) {
      if (f.kind !== 'object') continue;
      if (enums.has(f.type)) f.kind = 'enum';
      else if (!models.has(f.type)) throw new Error(`datamodel: field ${f.name} has unknown type ${f.type}`);
    }
  }
  return { models, enums };
}

/**
 * The wasm engine only accepts a driver adapter when the schema opts in with the
 * `driverAdapters` preview feature; prisma-client-py's schema never does.
 */
export function enableDriverAdapters(schema: string): string {
  let sawGenerator = false;
  const out = schema.replace(/^(\s*generator\s+\w+\s*\{)([\s\S]*?)^(\s*\})/gm, (_all, open: string, body: string, close: string) => {
    sawGenerator = true;
    const pf = /^(\s*previewFeatures\s*=\s*\[)([^\]]*)\]/m.exec(body);
    if (pf) {
      if (/"driverAdapters"/.test(pf[2]!)) return open + body + close;
      const items = pf[2]!.trim();
      const replaced = `${pf[1]}${items ? `${items}, ` : ''}"driverAdapters"]`;
      return open + body.replace(pf[0], replaced) + close;
    }
    return `${open}${body}  previewFeatures = ["driverAdapters"]\n${close}`;
  });
  if (!sawGenerator) {
    // The engine reads preview features from any generator block, so a dummy one is enough.
    return `${schema}\ngenerator driver_adapters {\n  provider = "prisma-client-js"\n  previewFeatures = ["driverAdapters"]\n}\n`;
  }
  return out;
}
