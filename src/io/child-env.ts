// The environment ollm hands to programs it starts: never the master key, which ollm exists to
// keep away from the assistant, nor a user's key (LITELLM_PROXY_API_KEY), which makes keys too.
export function childEnv(env: NodeJS.ProcessEnv, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { LITELLM_MASTER_KEY: _master, LITELLM_PROXY_API_KEY: _credential, ...rest } = env;
  return { ...rest, ...extra };
}
