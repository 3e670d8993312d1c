// The environment ollm hands to programs it starts: never the master key, which ollm exists to
// keep away from the assistant.
export function childEnv(env: NodeJS.ProcessEnv, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { LITELLM_MASTER_KEY: _master, ...rest } = env;
  return { ...rest, ...extra };
}
