import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveOpenClawPaths } from '../../src/assistants/openclaw/paths.ts';

test('config path precedence follows OpenClaw: flag > CONFIG_PATH > STATE_DIR > OPENCLAW_HOME > HOME', () => {
  const env = { HOME: '/h', OPENCLAW_CONFIG_PATH: '~/cfg.json', OPENCLAW_STATE_DIR: '/state', OPENCLAW_HOME: '/oh' };
  assert.equal(resolveOpenClawPaths('/flag.json', env).configFile, '/flag.json');
  assert.equal(resolveOpenClawPaths(undefined, env).configFile, '/h/cfg.json');
  assert.equal(resolveOpenClawPaths(undefined, { ...env, OPENCLAW_CONFIG_PATH: undefined }).configFile, '/state/openclaw.json');
  assert.equal(resolveOpenClawPaths(undefined, { HOME: '/h', OPENCLAW_HOME: '/oh' }).configFile, '/oh/.openclaw/openclaw.json');
  assert.equal(resolveOpenClawPaths(undefined, { HOME: '/h' }).configFile, '/h/.openclaw/openclaw.json');
});

test('the state dir (for .env) ignores OPENCLAW_CONFIG_PATH', () => {
  assert.equal(resolveOpenClawPaths(undefined, { HOME: '/h', OPENCLAW_CONFIG_PATH: '/x/y.json' }).stateDir, '/h/.openclaw');
  assert.equal(resolveOpenClawPaths(undefined, { HOME: '/h', OPENCLAW_STATE_DIR: '~/s' }).stateDir, '/h/s');
});
