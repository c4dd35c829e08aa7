/** Imports a Node built-in at run time without letting browser bundlers try to resolve it. */
export function importNode<T>(specifier: string): Promise<T> {
  return import(/* @vite-ignore */ specifier) as Promise<T>;
}
