import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';

// The custom elements manifests written by `npm run manifest` (run before Storybook starts):
// they give each element's Docs page its attributes, properties, events and CSS parts.
const manifests = import.meta.glob<{ schemaVersion: string; modules: unknown[] }>(
  '../packages/*/custom-elements.json',
  { eager: true, import: 'default' },
);
setCustomElementsManifest({
  schemaVersion: '1.0.0',
  modules: Object.values(manifests).flatMap((manifest) => manifest.modules),
});

const preview: Preview = {
  parameters: { layout: 'padded' },
};
export default preview;
