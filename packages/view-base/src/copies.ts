/** The version of this package; a test keeps it equal to the one in its package.json. */
export const VERSION = '0.1.0';

/** What the first copy of @statescope/view-base loaded in a page (or a Node process) leaves on globalThis. */
interface CopyMarker {
  version: string;
  location: string;
  /** One object per evaluation of this module: two copies have two. */
  token: object;
  warned: boolean;
}

const KEY = Symbol.for('statescope.view-base');
/** This evaluation of the module, told apart from another copy's. */
const thisCopy = {};

/**
 * Marks this copy of @statescope/view-base on `globalThis`, and warns once (console.warn, naming
 * both versions and locations) when another copy got there first. Its registries live in its
 * modules (the shared buses of `bus="name"`, the datasets loaded by `src`, the stylesheets), so
 * views built on two copies silently stop linking: one app must load one copy, which the
 * `@statescope/*` peer dependencies of the view packages arrange. Called at the top of the
 * modules that hold those registries (a call, not a bare import, so that no bundler drops it).
 */
export function markCopy(location: string, token: object = thisCopy): void {
  const global = globalThis as { [KEY]?: CopyMarker };
  const first = global[KEY];
  if (!first) {
    global[KEY] = { version: VERSION, location, token, warned: false };
    return;
  }
  if (first.token === token || first.warned) return;
  first.warned = true;
  console.warn(
    `@statescope/view-base: two copies are loaded, ${first.version} from ${first.location} and ` +
      `${VERSION} from ${location}. Views built on different copies do not share named buses ` +
      '(bus="...") or datasets loaded by src, so they do not link. Install one copy: the ' +
      '@statescope/* packages are peer dependencies of the views (npm ls @statescope/view-base; npm dedupe).',
  );
}
