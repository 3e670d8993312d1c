// Refreshes test/fixtures/openclaw/config.schema.json from the pinned OpenClaw (OPENCLAW_VERSION in
// test/support/openclaw.ts): installs it into .cache/ if needed, runs `openclaw config schema` in
// a throwaway HOME and writes the trimmed schema. Run it after changing OPENCLAW_VERSION:
//   npm run openclaw-schema
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { pinnedOpenClawSchema } from './openclaw.ts';
import { SCHEMA_FIXTURE, trimOpenClawSchema } from './openclaw-schema.ts';

const { schema, version } = await pinnedOpenClawSchema();
writeFileSync(SCHEMA_FIXTURE, trimOpenClawSchema(schema, version));
process.stderr.write(`wrote ${relative(process.cwd(), SCHEMA_FIXTURE)} from OpenClaw ${version}\n`);
