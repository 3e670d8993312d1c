// OpenClaw 2026.9's config schema (shared/openclaw/config.schema.json) as an ajv validator, to
// prove that ollm writes only what OpenClaw accepts.
import { readFileSync } from 'node:fs';
import AjvModule from 'ajv';

let cached: ReturnType<InstanceType<typeof AjvModule.default>['compile']> | undefined;

/**
 * The embedded plugin schemas use `#/$defs/…` relative to themselves, so each gets its own `$id`
 * before compiling. Compiling takes seconds: done once per process.
 */
export function openClawValidator() {
  if (cached) return cached;
  const schema = JSON.parse(readFileSync(new URL('../../../shared/openclaw/config.schema.json', import.meta.url), 'utf8')) as object;
  let embedded = 0;
  const scope = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (node !== schema && '$defs' in node) Object.assign(node, { $id: `urn:ollm-test:embedded-schema-${embedded++}` });
    Object.values(node).forEach(scope);
  };
  scope(schema);
  cached = new AjvModule.default({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
  return cached;
}

/** The schema's complaints about a config, as `path: message` lines (empty when valid). */
export function schemaProblems(config: unknown): string[] {
  const validate = openClawValidator();
  if (validate(config)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
}
