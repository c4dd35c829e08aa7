/**
 * How one attribute of a view is read, checked and written: declared once per view in
 * {@link withAttributes}, which makes of it the typed property, the observed attribute and the
 * manifest entry.
 */
export interface AttributeSpec<T> {
  /** The property's type as TypeScript writes it (for the custom elements manifest). */
  readonly type: string;
  /** The value while the attribute is absent, or its text is not valid. */
  readonly fallback: T;
  /** The value an attribute text stands for, or undefined when the text is not valid. */
  parse(text: string): T | undefined;
  /** The attribute text a value is written as (null removes the attribute); a RangeError for a bad value. */
  format(value: T, name: string): string | null;
}

/** A presence attribute (`compare`, `hidden`): true when present. */
export function booleanAttribute(): AttributeSpec<boolean> {
  return {
    type: 'boolean',
    fallback: false,
    parse: () => true,
    format: (value) => (value ? '' : null),
  };
}

/**
 * A number, optionally within [min, max]; null while absent (the view then uses a default of its
 * own, such as its width on the page).
 */
export function numberAttribute(range: { min?: number; max?: number } = {}): AttributeSpec<number | null> {
  const min = range.min ?? -Infinity;
  const max = range.max ?? Infinity;
  const valid = (value: number) => Number.isFinite(value) && value >= min && value <= max;
  return {
    type: 'number | null',
    fallback: null,
    parse: (text) => (text.trim() !== '' && valid(Number(text)) ? Number(text) : undefined),
    format(value, name) {
      if (value === null || value === undefined) return null;
      if (typeof value !== 'number' || !valid(value)) {
        const bounds = [min > -Infinity && `>= ${min}`, max < Infinity && `<= ${max}`].filter(Boolean).join(' and ');
        throw new RangeError(
          `${name} must be a finite number${bounds ? ` ${bounds}` : ''} or null, got ${String(value)}`,
        );
      }
      return String(value);
    },
  };
}

/** Any text; null while absent. */
export function stringAttribute(): AttributeSpec<string | null> {
  return {
    type: 'string | null',
    fallback: null,
    parse: (text) => text,
    format: (value) => (value === null || value === undefined ? null : String(value)),
  };
}

/** One of the given words; `fallback` while absent or not one of them. */
export function oneOfAttribute<const V extends readonly string[], F extends V[number] | null>(
  values: V,
  fallback: F,
): AttributeSpec<V[number] | F> {
  const list = values.map((v) => `'${v}'`);
  return {
    type: [...list, ...(fallback === null ? ['null'] : [])].join(' | '),
    fallback,
    parse: (text) => (values.includes(text) ? text : undefined),
    format(value, name) {
      if (value === null || value === undefined) return null;
      if (!values.includes(value))
        throw new RangeError(`${name} must be one of ${list.join(', ')}, got ${String(value)}`);
      return value;
    },
  };
}
