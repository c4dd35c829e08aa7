/** The rejection of a cancelled job: the signal's reason when it is an Error, else an AbortError. */
export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const error = new Error(reason === undefined ? 'The projection was aborted' : String(reason));
  error.name = 'AbortError';
  return error;
}
