/**
 * Registers a custom element once; a second registration of the same tag is ignored. Where there
 * is no custom element registry (Node: server-side rendering, tests without a DOM) it does nothing,
 * so importing a `define` entry there is safe.
 */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  const registry = globalThis.customElements as CustomElementRegistry | undefined;
  if (registry && !registry.get(tag)) registry.define(tag, element);
}
