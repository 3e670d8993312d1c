// OpenClaw's config schema as an ajv validator, to prove that ollm writes only what OpenClaw
// accepts. The schema is a committed fixture (test/fixtures/openclaw/config.schema.json), trimmed
// from the pinned OpenClaw's `openclaw config schema` by test/support/refresh-openclaw-schema.ts;
// test/e2e/openclaw-schema.test.ts checks it still matches that output.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvModule, { type ValidateFunction } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SCHEMA_FIXTURE = join(ROOT, 'test', 'fixtures', 'openclaw', 'config.schema.json');

/**
 * The top-level sections ollm writes (models.providers, agents.defaults.model, env.vars,
 * secrets.providers) are kept whole; every other section becomes `true` (anything goes). The root
 * keeps `additionalProperties: false`, so an unknown top-level key is still refused.
 */
export const KEPT_SECTIONS = ['env', 'secrets', 'models', 'agents'] as const;

interface ObjectSchema {
  properties: Record<string, unknown>;
  [keyword: string]: unknown;
}

/** The fixture's text for a full schema as `openclaw config schema` prints it. */
export function trimOpenClawSchema(full: ObjectSchema, openClawVersion: string): string {
  const missing = KEPT_SECTIONS.filter((name) => !(name in full.properties));
  if (missing.length > 0) throw new Error(`OpenClaw ${openClawVersion}'s schema has no ${missing.join(', ')} section: update KEPT_SECTIONS`);
  const kept = new Set<string>(KEPT_SECTIONS);
  const trimmed = {
    $comment: `OpenClaw ${openClawVersion}'s config schema (\`openclaw config schema\`) with only the sections ${KEPT_SECTIONS.join(', ')} kept; made by test/support/refresh-openclaw-schema.ts, do not edit by hand.`,
    ...full,
    properties: Object.fromEntries(Object.entries(full.properties).map(([name, schema]) => [name, kept.has(name) ? schema : true])),
  };
  return `${JSON.stringify(trimmed, null, 2)}\n`;
}

const AJV_OPTIONS = { strict: false, allErrors: true, validateFormats: false } as const;
let cached: ValidateFunction | undefined;

/**
 * Compiling the schema takes a second or more, so the compiled validator is kept as standalone
 * code in .cache/, keyed by the schema text, ajv's version and the options: one compile per
 * change of any of them, not one per test process.
 */
export function openClawValidator(): ValidateFunction {
  if (cached) return cached;
  const text = readFileSync(SCHEMA_FIXTURE, 'utf8');
  const ajvVersion = (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'ajv', 'package.json'), 'utf8')) as { version: string }).version;
  const key = createHash('sha256').update(JSON.stringify([text, ajvVersion, AJV_OPTIONS])).digest('hex').slice(0, 16);
  const dir = join(ROOT, '.cache', 'openclaw-schema-validator');
  const file = join(dir, `${key}.cjs`);
  const load = createRequire(import.meta.url);
  try {
    cached = load(file) as ValidateFunction;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    const ajv = new AjvModule.default({ ...AJV_OPTIONS, code: { source: true } });
    const validate = ajv.compile(JSON.parse(text) as object);
    mkdirSync(dir, { recursive: true });
    // Written beside and renamed, so a test process starting meanwhile never loads half a file.
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, standaloneModule.default(ajv, validate));
    renameSync(temp, file);
    cached = validate;
  }
  return cached;
}

/** The schema's complaints about a config, as `path: message` lines (empty when valid). */
export function schemaProblems(config: unknown): string[] {
  const validate = openClawValidator();
  if (validate(config)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
}
