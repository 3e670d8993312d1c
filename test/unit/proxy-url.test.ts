import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLoopbackHost, parseProxyUrl, pointsAtProxy, resolveProxyUrl } from '../../src/config/proxy-url.ts';

test('precedence: flag > LITELLM_PROXY_URL > config file > default', () => {
  const env = { LITELLM_PROXY_URL: 'http://env:4000' };
  assert.equal(resolveProxyUrl('http://flag:1', env, 'http://cfg:2').base, 'http://flag:1');
  assert.equal(resolveProxyUrl(undefined, env, 'http://cfg:2').base, 'http://env:4000');
  assert.equal(resolveProxyUrl(undefined, {}, 'http://cfg:2').base, 'http://cfg:2');
  assert.equal(resolveProxyUrl(undefined, {}, undefined).base, 'http://localhost:4000');
});

test('a trailing slash is dropped; a root path is kept', () => {
  assert.equal(parseProxyUrl('http://localhost:4000/', 'x').base, 'http://localhost:4000');
  assert.equal(parseProxyUrl('https://gw.example/litellm/', 'x').base, 'https://gw.example/litellm');
});

test('URLs without scheme, with another scheme, credentials or query are refused', () => {
  assert.throws(() => parseProxyUrl('localhost:4000', '--proxy-url'), /has no scheme/);
  assert.throws(() => parseProxyUrl('file:///etc/passwd', '--proxy-url'), /uses file:/);
  assert.throws(() => parseProxyUrl('http://user:pw@host', '--proxy-url'), /contains credentials/);
  assert.throws(() => parseProxyUrl('http://host/?a=1', '--proxy-url'), /query or fragment/);
  assert.throws(() => parseProxyUrl('not a url', 'LITELLM_PROXY_URL'), /from LITELLM_PROXY_URL is not a URL/);
});

test('loopback detection', () => {
  for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]', '[::ffff:7f00:1]', '[::ffff:127.0.0.1]', '[::ffff:7fff:ffff]']) assert.equal(isLoopbackHost(host), true, host);
  // A *.localhost name goes to a resolver; DNS may send it away.
  for (const host of ['10.0.0.1', 'litellm', 'example.com', '128.0.0.1', 'api.localhost', 'localhost.evil.example', '[::ffff:a00:1]', '[::ffff:8000:1]']) assert.equal(isLoopbackHost(host), false, host);
  assert.equal(isLoopbackHost(parseProxyUrl('http://[::ffff:127.0.0.1]:4000', 'test').url.hostname), true, 'as the URL parser writes it');
});

test('same proxy: one rule for the doctor, models sync and a style switch — as URLs, with or without /v1 and slashes', () => {
  const base = parseProxyUrl('http://localhost:4000', 'x').base;
  for (const same of ['http://localhost:4000', 'http://localhost:4000/', 'http://localhost:4000/v1', 'http://localhost:4000/v1/', ' HTTP://LocalHost:4000 ']) {
    assert.ok(pointsAtProxy(same, base), same);
  }
  assert.ok(pointsAtProxy('https://gw.example:443/litellm/v1', parseProxyUrl('https://gw.example/litellm', 'x').base), 'default port, root path');
  for (const other of ['http://localhost:4001', 'https://localhost:4000', 'http://localhost:4000/other', 'http://127.0.0.1:4000', '${LITELLM_URL}']) {
    assert.ok(!pointsAtProxy(other, base), other);
  }
  // The proxy's own base may end in /v1 (a path prefix): the provider may then leave it out.
  assert.ok(pointsAtProxy('http://gw/v1', parseProxyUrl('http://gw/v1', 'x').base));
});
