import type { AttributeSpec } from './attributeSpecs.js';
import type { StatescopeElement } from './StatescopeElement.js';

/** The attributes a view declares: property name (camelCase) to its spec. */
export type AttributeSpecs = Readonly<Record<string, AttributeSpec<unknown>>>;

/** The typed properties that {@link withAttributes} makes of a declaration. */
export type AttributeValues<S extends AttributeSpecs> = {
  -readonly [K in keyof S]: S[K] extends AttributeSpec<infer T> ? T : never;
};

/** The attribute a property reflects to: `colorMode` -> `color-mode`. */
export function attributeName(property: string): string {
  return property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

const warned = new Set<string>();

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeScript's mixin rule asks for any[]
type Constructor<T> = abstract new (...args: any[]) => T;

/**
 * The base class of a view with its attributes declared once: for each entry of `specs`, a
 * property (typed by the spec, documented by the entry's own comment) that reads the attribute
 * (the spec's fallback while it is absent or not valid, with one console warning naming the
 * element, the attribute and its text) and writes it (null removes it; a value out of range
 * throws a RangeError naming the property), and the attribute observed, so that changing it
 * redraws the view. The custom elements manifest takes the attributes, their types and comments
 * from the same declaration.
 *
 * @example
 * ```ts
 * import { StatescopeElement, defineElement, numberAttribute, oneOfAttribute, withAttributes } from '@statescope/view-base';
 * import type { LinkBus } from '@statescope/bus';
 *
 * // Give each entry a doc comment (here line comments, inside this comment): the property's
 * // documentation and the manifest's description come from it.
 * class WordCount extends withAttributes(StatescopeElement, {
 *   limit: numberAttribute({ min: 1 }), // how many words are listed
 *   order: oneOfAttribute(['count', 'alphabet'], 'count'), // `count` (default) or `alphabet`
 * }) {
 *   protected listen(bus: LinkBus, signal: AbortSignal): void {
 *     bus.on('brush', () => this.requestRender(), { signal });
 *   }
 *   protected render(): void {
 *     this.root.textContent = `${this.order}, ${this.limit ?? 10} words`; // typed: 'count' | 'alphabet', number | null
 *   }
 * }
 * defineElement('my-word-count', WordCount);
 * ```
 */
export function withAttributes<B extends Constructor<StatescopeElement>, const S extends AttributeSpecs>(
  Base: B,
  specs: S,
): B & Constructor<AttributeValues<S>> {
  const names = Object.keys(specs).map(attributeName);
  const inherited = (Base as unknown as { observedAttributes?: string[] }).observedAttributes ?? [];
  abstract class WithAttributes extends Base {
    static get observedAttributes(): string[] {
      return [...inherited, ...names];
    }
  }
  for (const [property, spec] of Object.entries(specs) as [string, AttributeSpec<unknown>][]) {
    const name = attributeName(property);
    Object.defineProperty(WithAttributes.prototype, property, {
      configurable: true,
      enumerable: true,
      get(this: StatescopeElement) {
        const text = this.getAttribute(name);
        if (text === null) return spec.fallback;
        const value = spec.parse(text);
        if (value !== undefined) return value;
        const key = `${this.localName} ${name} ${text}`;
        if (!warned.has(key)) {
          warned.add(key);
          console.warn(`<${this.localName}> ignores ${name}="${text}": expected ${spec.type}`);
        }
        return spec.fallback;
      },
      set(this: StatescopeElement, value: unknown) {
        const text = spec.format(value, property);
        if (text === null) this.removeAttribute(name);
        else this.setAttribute(name, text);
      },
    });
  }
  return WithAttributes as B & Constructor<AttributeValues<S>>;
}
