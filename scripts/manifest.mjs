// Writes custom-elements.json into every package of elements (views, dashboard): the custom elements
// manifest that editors, Storybook and documentation tools read (tag, attributes, properties,
// events, CSS parts), from the JSDoc of the element classes and their StatescopeElement base.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspacePackages } from './workspaces.mjs';

const cli = join(import.meta.dirname, '../node_modules/@custom-elements-manifest/analyzer/cem.js');

// Every package whose package.json names a manifest ("customElements") gets one.
const withElements = workspacePackages().filter(
  ({ dir }) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).customElements,
);
for (const { dir } of withElements) {
  const out = join(dir, '.cem'); // the analyzer takes --outdir relative to its working directory
  execFileSync(
    process.execPath,
    [
      cli,
      'analyze',
      '--globs',
      'src/**/*.ts',
      '../view-base/src/StatescopeElement.ts',
      '--outdir',
      '.cem',
      '--config',
      join(import.meta.dirname, 'cem.config.mjs'),
    ],
    {
      cwd: dir,
      stdio: 'ignore',
    },
  );
  const manifest = JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8'));
  rmSync(out, { recursive: true });
  // The base class is documented in @statescope/view-base; its generic emit(type) is not an event.
  manifest.modules = manifest.modules
    .filter((module) => !module.path.startsWith('../'))
    .map((module) => ({
      ...module,
      declarations: module.declarations?.map((d) => ({ ...d, events: d.events?.filter((e) => e.name !== 'type') })),
    }));
  writeFileSync(join(dir, 'custom-elements.json'), JSON.stringify(manifest, null, 2) + '\n');
  const tags = manifest.modules
    .flatMap((m) => m.declarations ?? [])
    .filter((d) => d.tagName)
    .map((d) => `<${d.tagName}>`);
  console.log(`${dir.replace(/.*packages\//, 'packages/')}/custom-elements.json: ${tags.join(', ') || 'no elements'}`);
}
