// Every package as a stranger gets it: `npm pack` of each workspace package (its prepack builds
// it), all the tarballs installed together into a fresh project outside the workspace (d3 and the
// @types come from the registry), then: each tarball's files, its dependencies against what its
// dist/ imports, the custom elements manifests, every entry imported in Node, a consumer compiled
// by `tsc --strict` without skipLibCheck, and publint and @arethetypeswrong/cli on each tarball.
// The packages are ES modules only: attw runs with its esm-only profile (CommonJS resolutions
// are not checked).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAMEWORK_TYPINGS } from '../../scripts/frameworkTypings.mjs';
import { workspacePackages } from '../../scripts/workspaces.mjs';
import { packWorkspace } from './packWorkspace.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = (name: string) => join(root, 'node_modules/.bin', name);

interface Manifest {
  name: string;
  version: string;
  bin?: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
  files: string[];
  customElements?: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  devDependencies?: Record<string, string>;
  engines?: Record<string, string>;
  keywords?: string[];
  scripts?: Record<string, string>;
}

const packages = workspacePackages().map(({ name, dir }) => ({
  name,
  dir,
  manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest,
}));
const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
/** The singletons: one copy per app, so every package that uses them has them as peers. */
const SHARED = ['@statescope/core', '@statescope/bus', '@statescope/view-base'];
/** Entries of the element packages with typings for a framework, which is an optional peer. */
const FRAMEWORKS = Object.keys(FRAMEWORK_TYPINGS);
const FRAMEWORK_PEERS: Record<string, string> = { '@types/react': '>=19', vue: '>=3.3' };

/** The JavaScript entries of a package (`@statescope/x`, `@statescope/x/define`), typed or not. */
function entries(manifest: Manifest, { typed = false } = {}): string[] {
  return Object.entries(manifest.exports)
    .filter(([, target]) => {
      const file = typeof target === 'string' ? target : target.default;
      return file.endsWith('.js') && (!typed || (typeof target === 'object' && target.types));
    })
    .map(([key]) => (key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`));
}

let work: string;
let consumer: string;
const tarballs = new Map<string, string>();

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'statescope-packages-'));
  for (const [name, tarball] of await packWorkspace()) tarballs.set(name, tarball);
  consumer = join(work, 'consumer');
  await mkdir(consumer);
  await writeFile(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs.values()], {
    cwd: consumer,
    maxBuffer: 1 << 26,
  });
  // Packing builds every package (about 2 minutes on a quiet 2-core machine, over 5 on a busy one).
}, 600_000);

afterAll(() => rm(work, { recursive: true, force: true }));

describe('every package, packed', () => {
  it.each(packages.map((p) => [p.name, p] as const))(
    '%s: its build, licence, readme and manifest, nothing else',
    async (name, { manifest }) => {
      const { stdout } = await run('tar', ['-tzf', tarballs.get(name)!]);
      const files = stdout
        .trim()
        .split('\n')
        .map((file) => file.replace(/^package\//, ''));
      const targets = Object.values(manifest.exports).flatMap((target) =>
        typeof target === 'string' ? [target] : Object.values(target),
      );
      const expected = ['package.json', 'LICENSE', 'README.md', ...targets.map((target) => target.slice(2))];
      if (manifest.customElements) expected.push(manifest.customElements);
      if (manifest.bin) expected.push(...Object.values(manifest.bin).map((file) => file.replace(/^\.\//, '')));
      expect(files).toEqual(expect.arrayContaining(expected));
      // dist/ holds modules, declarations and source maps (with their sources inside: no src/)
      const allowed = (file: string) =>
        ['package.json', 'LICENSE', 'README.md', manifest.customElements].includes(file) ||
        /^dist\/.+\.(js|d\.ts|js\.map)$/.test(file) ||
        (name === '@statescope/core' && file.startsWith('schema/')) ||
        (name === '@statescope/cli' && (file.startsWith('bin/') || file.startsWith('app/')));
      expect(files.filter((file) => !allowed(file))).toEqual([]);
      const installed = join(consumer, 'node_modules', name);
      expect(await readFile(join(installed, 'LICENSE'), 'utf8')).toBe(await readFile(join(root, 'LICENSE'), 'utf8'));
      for (const map of files.filter((file) => file.endsWith('.js.map'))) {
        const { sources, sourcesContent } = JSON.parse(await readFile(join(installed, map), 'utf8'));
        expect(
          sourcesContent?.filter((content: string | null) => content),
          map,
        ).toHaveLength(sources.length);
      }
    },
  );

  it.each(packages.map((p) => [p.name, p] as const))(
    '%s: the packaging fields, and no `source` condition',
    (name, { manifest }) => {
      expect(manifest.engines).toEqual({ node: '>=20.12' });
      expect(manifest.keywords?.length).toBeGreaterThan(3);
      expect(manifest.exports['./package.json']).toBe('./package.json');
      expect(manifest.scripts?.prepack).toBeDefined();
      expect(JSON.stringify(manifest.exports)).not.toContain('source');
      expect(manifest.files).not.toContain('src');
      expect(manifest).not.toHaveProperty('repository'); // there is no public repository to name
    },
  );

  it.each(packages.map((p) => [p.name, p] as const))(
    '%s: depends on exactly what its dist/ imports, internal packages as ranges, singletons as peers',
    async (name, { manifest }) => {
      const installed = join(consumer, 'node_modules', name);
      const imported = { js: new Set<string>(), dts: new Set<string>() };
      const walk = async (dir: string): Promise<string[]> =>
        (await readdir(dir, { withFileTypes: true })).flatMap((entry) =>
          entry.isDirectory() ? [] : [join(dir, entry.name)],
        );
      for (const file of await walk(join(installed, 'dist'))) {
        const kind = file.endsWith('.d.ts') ? 'dts' : file.endsWith('.js') ? 'js' : null;
        // the React and Vue typings import their framework, an optional peer (checked below)
        if (!kind || FRAMEWORKS.some((entry) => file.endsWith(`/dist/${entry}.d.ts`))) continue;
        for (const { fileName } of ts.preProcessFile(await readFile(file, 'utf8'), true, true).importedFiles) {
          if (fileName.startsWith('.') || fileName.startsWith('node:')) continue;
          imported[kind].add(
            fileName
              .split('/')
              .slice(0, fileName.startsWith('@') ? 2 : 1)
              .join('/'),
          );
        }
      }
      const frameworks = manifest.customElements ? Object.keys(FRAMEWORK_PEERS) : [];
      for (const peer of frameworks) {
        expect(manifest.peerDependencies?.[peer]).toBe(FRAMEWORK_PEERS[peer]);
        expect(manifest.peerDependenciesMeta?.[peer]).toEqual({ optional: true });
      }
      const declared = Object.fromEntries(
        Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies }).filter(
          ([dep]) => !frameworks.includes(dep),
        ),
      );
      const runtime = [...new Set([...imported.js, ...imported.dts])].sort();
      const types = [...imported.dts].filter((dep) => !dep.startsWith('@statescope/')).map((dep) => `@types/${dep}`);
      expect(Object.keys(declared).sort()).toEqual([...runtime, ...types].sort());
      for (const type of types) expect(declared[type]).toBe(rootManifest.devDependencies![type]);
      for (const [dep, range] of Object.entries(declared).filter(([dep]) => dep.startsWith('@statescope/'))) {
        expect(range).toBe('^0.1.0');
        if (SHARED.includes(dep)) expect(manifest.peerDependencies).toHaveProperty([dep]);
      }
    },
  );

  it.each(packages.filter((p) => p.manifest.customElements).map((p) => [p.name, p] as const))(
    '%s: a complete custom elements manifest, tag to define module',
    async (name) => {
      interface Item {
        name: string;
        type?: { text: string };
        description?: string;
      }
      const installed = join(consumer, 'node_modules', name);
      const manifest = JSON.parse(await readFile(join(installed, 'custom-elements.json'), 'utf8'));
      const elements = manifest.modules
        .flatMap((module: { declarations: { tagName?: string }[] }) => module.declarations)
        .filter((d: { tagName?: string }) => d.tagName);
      expect(elements).toHaveLength(1);
      const [element] = elements as {
        tagName: string;
        attributes: Item[];
        members: Item[];
        events: Item[];
        cssParts: Item[];
        cssProperties: Item[];
      }[];
      for (const attribute of element.attributes) {
        expect(attribute.type?.text, `${element.tagName} ${attribute.name}`).toBeTruthy();
        expect(attribute.description, `${element.tagName} ${attribute.name}`).toBeTruthy();
      }
      expect(element.attributes.map((a) => a.name)).toEqual(expect.arrayContaining(['src', 'bus', 'source']));
      expect(element.members.map((m) => m.name)).toEqual(expect.arrayContaining(['data', 'bus']));
      for (const event of element.events) expect(event.type?.text, event.name).toMatch(/^CustomEvent<\{.+\}>$/);
      expect(element.events.map((e) => e.name)).toEqual(expect.arrayContaining(['hs-load', 'hs-error']));
      expect(element.cssParts.length).toBeGreaterThan(0);
      expect(element.cssProperties.map((p) => p.name)).toEqual(expect.arrayContaining(['--hs-font', '--hs-text']));
      for (const item of [...element.cssParts, ...element.cssProperties]) expect(item.description).toBeTruthy();
      const define = manifest.modules.find((module: { path: string }) => module.path === 'dist/define.js');
      expect(define.exports).toEqual([
        expect.objectContaining({ kind: 'custom-element-definition', name: element.tagName }),
      ]);
      // every path the manifest names is in the package
      for (const module of manifest.modules) await readFile(join(installed, module.path));
    },
  );
});

describe('all tarballs installed together outside the workspace', () => {
  it('Node imports every entry of every package, with one copy of each singleton', async () => {
    const specifiers = packages.flatMap(({ manifest }) => entries(manifest)).filter((s) => !s.endsWith('/tsneWorker'));
    expect(specifiers).toEqual(expect.arrayContaining(['@statescope/dashboard/define', '@statescope/view-table']));
    const script = join(consumer, 'imports.mjs');
    await writeFile(
      script,
      [
        ...specifiers.map((specifier) => `await import(${JSON.stringify(specifier)});`),
        // a worker entry is resolved, not run
        "import.meta.resolve('@statescope/projection/tsneWorker');",
        "console.log('imported', typeof globalThis.HTMLElement);",
      ].join('\n'),
    );
    const { stdout, stderr } = await run(process.execPath, [script], { cwd: consumer });
    expect(stdout.trim()).toBe('imported undefined');
    expect(stderr).not.toMatch(/incompatible copies/);
    const { stdout: tree } = await run('npm', ['ls', '--all', '--parseable', '@statescope/view-base'], {
      cwd: consumer,
    });
    expect(tree.trim().split('\n')).toHaveLength(1);
  });

  it.each(['nodenext', 'bundler'])(
    'tsc --strict, without skipLibCheck, compiles a consumer of every typed entry (moduleResolution %s)',
    async (resolution) => {
      const specifiers = packages
        .flatMap(({ manifest }) => entries(manifest, { typed: true }))
        // the framework typings need their framework: consumerApps.e2e.test.ts compiles them
        .filter((s) => !s.endsWith('/tsneWorker') && !FRAMEWORKS.some((entry) => s.endsWith(`/${entry}`)));
      const source = [
        ...specifiers.map((specifier, i) =>
          specifier.endsWith('/define') ? `import '${specifier}';` : `import * as m${i} from '${specifier}';`,
        ),
        "import { LinkBus } from '@statescope/bus';",
        "import type { StateDataset } from '@statescope/core';",
        "const heatmap = document.createElement('hs-heatmap');",
        'heatmap.bus = new LinkBus();',
        'const data: StateDataset | null = heatmap.data;',
        "heatmap.addEventListener('hs-focus', (event) => console.log(event.detail.step.toFixed(0), data));",
        "document.querySelector('hs-dashboard')?.addEventListener('hs-load', (event) => event.detail.data);",
        `export const modules = [${specifiers.map((s, i) => (s.endsWith('/define') ? '' : `m${i}`)).filter(Boolean)}];`,
      ].join('\n');
      const folder = join(consumer, resolution);
      await mkdir(folder, { recursive: true });
      await writeFile(join(folder, 'consumer.ts'), source);
      await writeFile(
        join(folder, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            skipLibCheck: false,
            noEmit: true,
            target: 'es2022',
            module: resolution === 'nodenext' ? 'nodenext' : 'esnext',
            moduleResolution: resolution,
            lib: ['es2023', 'dom', 'dom.iterable'],
            types: [],
          },
          files: ['consumer.ts'],
        }),
      );
      const result = await run(bin('tsc'), ['-p', folder]).catch((error) => error);
      expect(`${result.stdout}${result.stderr}`).toBe('');
    },
  );

  it.concurrent.each(packages.map((p) => [p.name, p] as const))(
    '%s: publint and attw find nothing',
    async (name, { manifest }) => {
      const tarball = tarballs.get(name)!;
      const publint = await run(bin('publint'), ['run', tarball, '--strict'], { cwd: work });
      expect(publint.stdout).toMatch(/All good!/);
      // esm-only: the packages are ES modules only; CommonJS (node10, node16-cjs) resolutions are not checked.
      // Untyped on purpose: the bundled CLI's programmatic entry (its declarations would name
      // @statescope/core, which the self-contained CLI does not depend on).
      const untyped = entries(manifest)
        .filter((entry) => !entries(manifest, { typed: true }).includes(entry))
        .map((entry) => (entry === name ? '.' : `./${entry.slice(name.length + 1)}`));
      const attw = await run(bin('attw'), [
        tarball,
        '--profile',
        'esm-only',
        '--no-definitely-typed',
        '--format',
        'json',
        ...(untyped.length ? ['--exclude-entrypoints', ...untyped] : []),
      ]).catch((error) => error);
      const { analysis } = JSON.parse(attw.stdout) as { analysis: { problems?: { resolutionKind?: string }[] } };
      const esmProblems = (analysis.problems ?? []).filter(
        (problem) => !['node10', 'node16-cjs'].includes(problem.resolutionKind ?? ''),
      );
      expect(esmProblems, attw.stdout).toEqual([]);
      expect(attw.code ?? 0).toBe(0);
    },
  );
});
