// Error bodies in the shapes the native engine used, so prisma-client-py's error mapping
// (engine/utils.py handle_response_errors, engine/_http.py) keeps working unchanged.

interface UserFacingError { is_panic: false; message: string; meta: Record<string, unknown>; error_code: string | null }

/** A query-endpoint error; without an error_code prisma-client-py raises DataError with the message. */
export function engineError(message: string): string {
  const user: UserFacingError = { is_panic: false, message, meta: {}, error_code: null };
  return JSON.stringify({ errors: [{ error: message, user_facing_error: user }] });
}

const TX_NOT_FOUND = 'Transaction not found. Transaction ID is invalid, refers to an old closed transaction Prisma doesn\'t have information about anymore, or was obtained before disconnecting.';

/** The native engine's P2028 for an id it never issued: bare for /transaction/*, wrapped for queries. */
export function txNotFound(): UserFacingError {
  return { is_panic: false, message: `Transaction API error: ${TX_NOT_FOUND}`, meta: { error: TX_NOT_FOUND }, error_code: 'P2028' };
}

export function txNotFoundForQuery(): string {
  return JSON.stringify({ errors: [{ error: TX_NOT_FOUND, user_facing_error: txNotFound() }] });
}

/**
 * Transaction calls answer `{id}` / `{}` on success and a bare user-facing error object
 * otherwise; the native server sent the latter with a non-2xx status, which is what makes
 * prisma-client-py raise.
 */
export function transactionStatus(answer: string): number {
  const parsed = JSON.parse(answer) as Record<string, unknown>;
  if (parsed['error_code'] === undefined && parsed['errors'] === undefined) return 200;
  return /not found/i.test(String(parsed['message'])) ? 404 : 400;
}
