import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOperation, GraphQLSyntaxError } from '../real-litellm/engine/graphql.ts';

// Verbatim shape of prisma-client-py 0.15's query builder output, including its lists
// that open with a stray comma (`[,\n "a",\n]`).
const LITELLM_QUERY = `query {
  result: findManyLiteLLM_MCPServerTable
  (
    where: {
      updated_by: "mcp_oauth_discovery"
      auth_type: {
        in: [,
          "oauth2",
          "true_passthrough",
        ]
      }
      spend: 9.7e-05
      tpm_limit: 12345678901234567890
      blocked: false
      note: null
    }
  )
  {
    server_id
    teams(
      where: {
        team_id: "t\\"1"
      }
    )
    {
      team_id
    }
  }
}`;

test('parses the operation, alias, arguments and nested selections prisma-client-py emits', () => {
  const op = parseOperation(LITELLM_QUERY);
  assert.equal(op.operation, 'query');
  assert.equal(op.fields.length, 1);
  const root = op.fields[0]!;
  assert.equal(root.alias, 'result');
  assert.equal(root.name, 'findManyLiteLLM_MCPServerTable');
  const where = root.args[0]!;
  assert.equal(where[0], 'where');
  assert.deepEqual(where[1], {
    kind: 'object',
    fields: [
      ['updated_by', { kind: 'string', value: 'mcp_oauth_discovery' }],
      ['auth_type', { kind: 'object', fields: [['in', { kind: 'list', items: [{ kind: 'string', value: 'oauth2' }, { kind: 'string', value: 'true_passthrough' }] }]] }],
      ['spend', { kind: 'number', raw: '9.7e-05' }],
      ['tpm_limit', { kind: 'number', raw: '12345678901234567890' }],
      ['blocked', { kind: 'boolean', value: false }],
      ['note', { kind: 'null' }],
    ],
  });
  assert.deepEqual(root.selection!.map((f) => f.name), ['server_id', 'teams']);
  const teams = root.selection![1]!;
  assert.deepEqual(teams.args, [['where', { kind: 'object', fields: [['team_id', { kind: 'string', value: 't"1' }]] }]]);
  assert.deepEqual(teams.selection!.map((f) => f.name), ['team_id']);
});

test('string escapes are JSON escapes (json.dumps wrote them), unicode kept as is', () => {
  const op = parseOperation('mutation {\n  result: executeRaw\n  (\n    query: "SELECT \\"x\\"\\nFROM t -- é"\n    parameters: "[\\"a\\\\\\\\b\\"]"\n  )\n}');
  assert.deepEqual(op.fields[0]!.args, [
    ['query', { kind: 'string', value: 'SELECT "x"\nFROM t -- é' }],
    ['parameters', { kind: 'string', value: '["a\\\\b"]' }],
  ]);
  assert.equal(op.fields[0]!.selection, null);
});

test('constructs outside the emitted subset fail with a named error', () => {
  assert.throws(() => parseOperation('query ($id: String) { result: findUniqueX(where: {id: $id}) { id } }'), GraphQLSyntaxError);
  assert.throws(() => parseOperation('query { ...F }'), /fragments/);
  assert.throws(() => parseOperation('query { result: findManyX @include(if: true) { id } }'), /directives/);
  assert.throws(() => parseOperation('subscription { x }'), /unsupported operation type "subscription"/);
  assert.throws(() => parseOperation('query { x } trailing'), /trailing input/);
  assert.throws(() => parseOperation('query { x(a: "unterminated) }'), /unterminated string/);
});
