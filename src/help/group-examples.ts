// Examples for `ollm key --help`, `ollm config --help`, … (a group has no definition of its own).
export const GROUP_EXAMPLES: Record<string, Array<[string, string]>> = {
  key: [
    ['ollm key create --budget 50 --monthly', 'a $50/month key for OpenClaw, kept in the keychain'],
    ['ollm key info', 'its spend, budget and next reset (no master key needed)'],
    ['ollm key update --budget 100', 'raise its budget in place (master key)'],
    ['ollm key list --local', 'the keys this machine holds, and where they are written'],
    ['ollm key rotate --grace 24h', 'a new secret; the old one keeps working for a day'],
    ['ollm key revoke --alias old-laptop --yes', 'delete a key on the proxy and here'],
  ],
  user: [
    ['ollm user add alice --budget 20 --monthly', 'a LiteLLM user with $20 a month, and the line that hands over its key'],
    ['ollm user list', 'the proxy\'s users, their budgets and spend'],
    ['ollm user remove alice --yes', 'delete the user and all her keys'],
  ],
  schedule: [
    ['ollm schedule set --every 30d', 'a daily job rotates each key held here once it is 30 days old'],
    ['ollm schedule show', 'when it runs next and what its last run did'],
    ['ollm schedule remove', 'stop it and delete what `schedule set` wrote'],
  ],
  config: [
    ['ollm config set proxy-url https://litellm.example.com', 'every command talks to this proxy'],
    ['ollm config get alias', 'the value in effect, nothing else (for scripts)'],
    ['ollm config list', 'every setting, its value, and what decided it'],
  ],
  models: [
    ['ollm models sync --dry-run', 'what would change in OpenClaw\'s model list'],
    ['ollm models sync --prune', 'add new models and remove those the proxy no longer offers'],
  ],
  openclaw: [
    ['echo \'{"protocolVersion":1,"provider":"ollm","ids":["openclaw/http://localhost:4000"]}\' | ollm openclaw resolve', 'what OpenClaw sends (OpenClaw runs this command, not people)'],
  ],
};
