// What an admin does on the proxy behind ollm's back (in the web UI, or with curl): delete a key.
import type { World } from './fixture.ts';

export async function deleteOnProxy(world: World, alias: string): Promise<void> {
  const response = await fetch(`${world.server.url}/key/delete`, {
    method: 'POST',
    headers: { authorization: `Bearer ${world.server.masterKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ key_aliases: [alias] }),
  });
  if (!response.ok) throw new Error(`deleting ${alias} on the proxy: ${response.status} ${await response.text()}`);
}
