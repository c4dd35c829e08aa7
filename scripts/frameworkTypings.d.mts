/** One element of a custom elements manifest, as the typings need it. */
export interface ManifestElement {
  tag: string;
  className: string;
  properties: string[];
  attributes: { name: string; type: string }[];
  events: string[];
}

/** The elements of a shipped custom elements manifest. */
export function elementsOf(manifest: unknown): ManifestElement[];

/** The typings entries of an element package (dist/<name>.d.ts) and what writes each. */
export const FRAMEWORK_TYPINGS: Record<'react' | 'vue', (elements: ManifestElement[]) => string>;
