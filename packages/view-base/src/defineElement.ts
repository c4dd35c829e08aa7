/** Registers a custom element once; a second registration of the same tag is ignored. */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
