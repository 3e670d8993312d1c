// The committed schema fixture the unit tests validate against is what the pinned OpenClaw prints.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { SCHEMA_FIXTURE, trimOpenClawSchema } from '../support/openclaw-schema.ts';
import { ensureOpenClaw, openClawUnavailableReason, pinnedOpenClawSchema } from '../support/openclaw.ts';

// As in the other e2e files: install (or reuse) first; in CI a missing client is a failure.
await ensureOpenClaw().catch(() => {});
const unavailable = openClawUnavailableReason();
const skip = unavailable && !process.env['CI'] ? unavailable : false;

test('test/fixtures/openclaw/config.schema.json is the pinned OpenClaw\'s schema, trimmed (npm run openclaw-schema refreshes it)', { skip, timeout: 120_000 }, async () => {
  const { schema, version } = await pinnedOpenClawSchema();
  assert.equal(readFileSync(SCHEMA_FIXTURE, 'utf8'), trimOpenClawSchema(schema, version));
});
