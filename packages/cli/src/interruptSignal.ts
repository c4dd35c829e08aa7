/**
 * A signal that aborts on Ctrl-C (SIGINT) or SIGTERM, for commands that stop cleanly: the server
 * closes, a projection is cancelled without touching its file. Only those commands install it,
 * so every other command keeps Node's default (exit at once).
 */
export function interruptSignal(given?: AbortSignal): AbortSignal {
  if (given) return given;
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller.signal;
}
