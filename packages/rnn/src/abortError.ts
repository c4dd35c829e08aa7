/**
 * The rejection of an aborted run: the signal's reason when it is an Error (an AbortError
 * DOMException for a plain `abort()`, as fetch rejects), else an Error named AbortError.
 */
export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const error = new Error(reason === undefined ? 'The model run was aborted' : String(reason));
  error.name = 'AbortError';
  return error;
}
