// OpenClaw's question in `ollm setup`: how it gets the key (`--openclaw-style`), offered as
// `ollm config set style` says, else litellm.
import type { SetupQuestion } from '../assistant.ts';
import { DEFAULT_STYLE, OPENCLAW_STYLES, parseStyle } from './styles.ts';

export const openClawSetupQuestion: SetupQuestion = {
  text: `How OpenClaw gets the key (${OPENCLAW_STYLES.join(', ')}): `,
  async initial(ctx) {
    // The config file was validated when read (the style setting's own parse).
    return ((await ctx.config()).style as string | undefined) ?? DEFAULT_STYLE;
  },
  validate(answer) {
    try {
      parseStyle(answer, 'style');
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  },
  flags: (answer) => ({ openclawStyle: parseStyle(answer, 'style') }),
};
