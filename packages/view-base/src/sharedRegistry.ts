/** The version of this package; a test keeps it equal to the one in its package.json. */
export const VERSION = '0.1.0';

/**
 * Copies that may share registries: the same minor version while below 1.0 (0.1.x with 0.1.y),
 * the same major version after. The registries hold objects of this package's peers (LinkBus,
 * StateDataset), which are released in step with it, so one version line covers all three.
 */
const COMPATIBILITY = VERSION.startsWith('0.') ? VERSION.split('.').slice(0, 2).join('.') : VERSION.split('.')[0];
const PREFIX = 'statescope.view-base.registries@';

/** What the first copy of a version line leaves on globalThis. */
interface Registries {
  version: string;
  location: string;
  maps: Map<string, Map<string, unknown>>;
}

let warned = false;

/**
 * The registry `name` (a Map) that every compatible copy of @statescope/view-base in the page
 * shares: the named buses of `bus="name"` and the datasets loaded by `src` live there, so views
 * from two installed copies, or from two single-file bundles (each carries its own copy), still
 * link. Copies of another version line keep their own registries (they may not link); the first
 * to meet another line warns once (console.warn), naming both versions and locations.
 */
export function sharedRegistry<T>(name: string, location: string): Map<string, T> {
  const global = globalThis as unknown as Record<symbol, Registries | undefined>;
  const key = Symbol.for(PREFIX + COMPATIBILITY);
  const registries = (global[key] ??= { version: VERSION, location, maps: new Map() });
  if (!warned) {
    const other = Object.getOwnPropertySymbols(globalThis).find(
      (symbol) => symbol !== key && symbol.description?.startsWith(PREFIX),
    );
    if (other) {
      warned = true;
      console.warn(
        `@statescope/view-base: two incompatible copies are loaded, ${global[other]!.version} from ` +
          `${global[other]!.location} and ${VERSION} from ${location}. Views built on different copies do ` +
          'not share named buses (bus="...") or datasets loaded by src, so they do not link. Install ' +
          'one version: npm ls @statescope/view-base; npm dedupe.',
      );
    }
  }
  let map = registries.maps.get(name);
  if (!map) registries.maps.set(name, (map = new Map()));
  return map as Map<string, T>;
}
