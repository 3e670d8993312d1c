// The LaunchAgent of the job, as plist XML (pure, so it is parsed back in tests): ollm by absolute
// paths, exactly the job's environment, once a day at a time chosen at install.
import type { JobSpec } from './job-spec.ts';

export const LABEL = 'dev.ollm.rotate';

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function launchAgentPlist(job: JobSpec, at: { hour: number; minute: number }): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<!-- Written by `ollm schedule set`; `ollm schedule remove` takes it away. No secret here: the job reads its credential from the login keychain. -->',
    '<plist version="1.0">',
    '<dict>',
    '  <key>Label</key>',
    `  <string>${LABEL}</string>`,
    '  <key>ProgramArguments</key>',
    '  <array>',
    ...job.argv.map((word) => `    <string>${xml(word)}</string>`),
    '  </array>',
    '  <key>EnvironmentVariables</key>',
    '  <dict>',
    ...Object.entries(job.env).flatMap(([name, value]) => [`    <key>${xml(name)}</key>`, `    <string>${xml(value)}</string>`]),
    '  </dict>',
    // Missed while asleep: launchd runs it at wake-up, as systemd's Persistent= does.
    '  <key>StartCalendarInterval</key>',
    '  <dict>',
    '    <key>Hour</key>',
    `    <integer>${at.hour}</integer>`,
    '    <key>Minute</key>',
    `    <integer>${at.minute}</integer>`,
    '  </dict>',
    '  <key>ProcessType</key>',
    '  <string>Background</string>',
    '  <key>LowPriorityIO</key>',
    '  <true/>',
    '</dict>',
    '</plist>',
    '',
  ].join('\n');
}
