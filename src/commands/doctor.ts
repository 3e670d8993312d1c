// Placeholder while the command is being written (never committed as done).
import { UserError } from '../errors.ts';
import { defineCommand } from './command.ts';

export default defineCommand({
  command: 'doctor',
  examples: [],
  args: {},
  async handler() {
    throw new UserError('not written yet', { code: 'internal' });
  },
});
