// A LiteLLM user id as ollm accepts it on the command line: a name or an e-mail address. It ends
// up in a shell line to hand over and in JSON, so nothing a shell or a terminal would act on.
import { UsageError } from '../errors.ts';

const USER_ID = /^[A-Za-z0-9][A-Za-z0-9_.@+-]{0,127}$/;

export function parseUserId(text: string | undefined): string {
  if (!text || !USER_ID.test(text)) {
    throw new UsageError(`${JSON.stringify(text ?? '')} is not a user id ollm accepts.`, 'Use letters, digits and . _ - + @ (up to 128), starting with a letter or digit, e.g. alice or alice@example.com.');
  }
  return text;
}
