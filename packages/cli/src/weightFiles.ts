import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';

/**
 * The weight manifest a native manifest names in `metadata.weights` and the binary file that
 * manifest names, as paths relative to `folder`; both or neither, and only inside `folder`
 * (the app fetches them relative to the dataset's URL, under which only that folder is served).
 */
export async function weightFiles(
  json: Record<string, unknown>,
  folder: string,
): Promise<{ files: string[]; warnings: string[] }> {
  const metadata = json.format === 'statescope' ? json.metadata : undefined;
  const named = isObject(metadata) ? metadata.weights : undefined;
  // A URL (or nothing) is the app's to fetch: there is no file here to serve.
  if (typeof named !== 'string' || named === '' || hasScheme(named)) return { files: [], warnings: [] };
  const skip = (why: string) => ({
    files: [],
    warnings: [`metadata.weights "${named}" ${why}: not served, so the what-if view has no model`],
  });
  const manifest = insideFolder(folder, named);
  if (manifest === null) return skip("lies outside the dataset's folder");
  let weights: unknown;
  try {
    weights = JSON.parse(await readFile(join(folder, manifest), 'utf8'));
  } catch (error) {
    return skip(`cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const file = isObject(weights) && isObject(weights.weights) ? weights.weights.file : undefined;
  if (!isObject(weights) || weights.format !== 'statescope-rnn' || typeof file !== 'string' || file === '') {
    return skip('is not a weight manifest (format "statescope-rnn" with a weights.file)');
  }
  // The binary is relative to the weight manifest, as the app fetches it.
  const binary = hasScheme(file) ? null : insideFolder(folder, posix.join(posix.dirname(manifest), file), file);
  if (binary === null) return skip(`names its binary "${file}", outside the dataset's folder`);
  try {
    if (!(await stat(join(folder, binary))).isFile()) return skip(`names its binary "${file}", which is not a file`);
  } catch (error) {
    return skip(`names its binary "${file}", which cannot be read (${(error as NodeJS.ErrnoException).code})`);
  }
  return { files: [manifest, binary], warnings: [] };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `http:`, `data:`, ...: a URL rather than a path. */
function hasScheme(name: string): boolean {
  return /^[a-z][a-z\d+.-]*:/i.test(name);
}

/**
 * `path` (relative, `/`-separated, as written in a file: `given`) relative to `folder`, or null
 * when it is absolute or leaves the folder.
 */
function insideFolder(folder: string, path: string, given = path): string | null {
  // A backslash separates to the browser and not here: refuse it rather than guess.
  if (/[\\\0]/.test(given) || given.startsWith('/') || isAbsolute(given)) return null;
  const inside = relative(folder, resolve(folder, path));
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return null;
  return inside.split(sep).join('/');
}
