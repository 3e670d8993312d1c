import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { enableDriverAdapters, parseDatamodel } from '../real-litellm/engine/datamodel.ts';
import { datasourceUrl, pgTarget } from '../real-litellm/engine/datasource.ts';

const LITELLM_SCHEMA = readFileSync(new URL('../real-litellm/engine/fixtures/litellm-schema.prisma', import.meta.url), 'utf8');

test('reads field types from LiteLLM\'s schema, telling scalars, enums and relations apart', () => {
  const dm = parseDatamodel(LITELLM_SCHEMA);
  const token = dm.models.get('LiteLLM_VerificationToken')!;
  assert.deepEqual(token.get('tpm_limit'), { name: 'tpm_limit', type: 'BigInt', kind: 'scalar', isList: false, isOptional: true });
  assert.deepEqual(token.get('models'), { name: 'models', type: 'String', kind: 'scalar', isList: true, isOptional: false });
  assert.equal(token.get('metadata')!.type, 'Json');
  assert.equal(token.get('expires')!.type, 'DateTime');
  assert.deepEqual(token.get('litellm_budget_table'), { name: 'litellm_budget_table', type: 'LiteLLM_BudgetTable', kind: 'object', isList: false, isOptional: true });
  assert.equal(token.get('jwt_key_mappings')!.isList, true);
  assert.ok(dm.enums.has('JobStatus'));
  const enumField = [...dm.models.values()].flatMap((m) => [...m.values()]).find((f) => f.type === 'JobStatus');
  assert.equal(enumField?.kind, 'enum');
});

test('adds the driverAdapters preview feature to the generator, merging with existing ones', () => {
  const patched = enableDriverAdapters(LITELLM_SCHEMA);
  assert.match(patched, /generator client \{[^}]*previewFeatures = \["driverAdapters"\]\n\}/);
  assert.equal(patched.replace('  previewFeatures = ["driverAdapters"]\n', ''), LITELLM_SCHEMA);

  const withFeatures = 'generator client {\n  provider = "x"\n  previewFeatures = ["views"]\n}\n';
  assert.equal(enableDriverAdapters(withFeatures), 'generator client {\n  provider = "x"\n  previewFeatures = ["views", "driverAdapters"]\n}\n');
  const already = 'generator client {\n  previewFeatures = ["driverAdapters"]\n}\n';
  assert.equal(enableDriverAdapters(already), already);
});

test('the datasource url comes from the env var the schema names, or OVERWRITE_DATASOURCES', () => {
  assert.equal(datasourceUrl(LITELLM_SCHEMA, { DATABASE_URL: 'postgresql://a@h/db' }), 'postgresql://a@h/db');
  assert.equal(datasourceUrl(LITELLM_SCHEMA, { DATABASE_URL: 'postgresql://a@h/db', OVERWRITE_DATASOURCES: '[{"name":"client","url":"postgresql://b@h/db2"}]' }), 'postgresql://b@h/db2');
  assert.throws(() => datasourceUrl(LITELLM_SCHEMA, {}), /DATABASE_URL, which is not set/);
});

test('Prisma-only URL parameters become pool settings instead of reaching Postgres', () => {
  const t = pgTarget('postgresql://u:p@127.0.0.1:5432/litellm?connection_limit=10&pool_timeout=60&schema=other&sslmode=disable');
  assert.deepEqual(t, {
    connectionString: 'postgresql://u:p@127.0.0.1:5432/litellm?sslmode=disable',
    schema: 'other',
    max: 10,
    connectionTimeoutMillis: 60000,
  });
  assert.throws(() => pgTarget('mysql://x@h/db'), /only PostgreSQL/);
});
