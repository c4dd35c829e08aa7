/** The version of this package; a test keeps it equal to the one in its package.json. */
export const VERSION = '0.1.0';

/**
 * Copies that may share registries: the same minor version while below 1.0 (0.1.x with 0.1.y),
 * the same major version after. The registries hold this package's own objects (buses, loads),
 * so only compatible code may reach into another copy's.
 */
const COMPATIBILITY = VERSION.startsWith('0.') ? VERSION.split('.').slice(0, 2).join('.') : VERSION.split('.')[0];

/** What the first copy of @statescope/view-base in a page (or a Node process) leaves on globalThis. */
interface Registries {
  compatibility: string;
  version: string;
  location: string;
  maps: Map<string, Map<string, unknown>>;
  warned: boolean;
}

const KEY = Symbol.for('statescope.view-base.registries');
/** This copy's own registries, used when the page's are an incompatible copy's. */
let own: Registries | undefined;

/**
 * The registry `name` (a Map) that every compatible copy of @statescope/view-base in the page
 * shares: the named buses of `bus="name"` and the datasets loaded by `src` live there, so views
 * from two installed copies, or from two single-file bundles (each carries its own copy), still
 * link. A copy of an incompatible version keeps registries of its own and warns once
 * (console.warn, naming both versions and locations), since its views cannot link with the others.
 */
export function sharedRegistry<T>(name: string, location: string): Map<string, T> {
  const global = globalThis as { [KEY]?: Registries };
  let registries = global[KEY];
  if (!registries) {
    registries = { compatibility: COMPATIBILITY, version: VERSION, location, maps: new Map(), warned: false };
    global[KEY] = registries;
  }
  if (registries.compatibility !== COMPATIBILITY) {
    if (!registries.warned) {
      registries.warned = true;
      console.warn(
        `@statescope/view-base: two incompatible copies are loaded, ${registries.version} from ` +
          `${registries.location} and ${VERSION} from ${location}. Views built on different copies do ` +
          'not share named buses (bus="...") or datasets loaded by src, so they do not link. Install ' +
          'one version: npm ls @statescope/view-base; npm dedupe.',
      );
    }
    own ??= { compatibility: COMPATIBILITY, version: VERSION, location, maps: new Map(), warned: true };
    registries = own;
  }
  let map = registries.maps.get(name);
  if (!map) registries.maps.set(name, (map = new Map()));
  return map as Map<string, T>;
}
