// Typings of an element package's tags for React 19 JSX and Vue templates, generated from its
// shipped custom elements manifest: which properties are settable, which attributes have no
// property, which events fire. Types of properties and events come from the element classes
// themselves (Pick<Class, names>, HTMLElementEventMap), so they cannot drift from the code.

/** An attribute type the manifest spells in plain TypeScript: a union of literals, string, number, boolean. */
const TERM = "(?:'[^']*'|string|number|boolean)";
const PLAIN_TYPE = new RegExp(`^\\s*${TERM}(?:\\s*\\|\\s*${TERM})*\\s*$`);

/** @returns {{ tag: string, className: string, properties: string[], attributes: {name: string, type: string}[], events: string[] }[]} */
export function elementsOf(manifest) {
  return manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration) => declaration.customElement && declaration.tagName)
    .map((declaration) => {
      const properties = (declaration.members ?? [])
        .filter((m) => m.kind === 'field' && !m.readonly && !m.static)
        .map((m) => m.name);
      // An attribute with a property of its name is set as that property (React 19 and Vue do);
      // one whose camel-case name is a property (color-mode, colorMode) is offered as the property.
      const attributes = (declaration.attributes ?? [])
        .filter((a) => !properties.includes(a.name) && !properties.includes(camel(a.name, false)))
        .map((a) => ({ name: a.name, type: PLAIN_TYPE.test(a.type?.text ?? '') ? a.type.text : 'string' }));
      return {
        tag: declaration.tagName,
        className: declaration.name,
        properties,
        attributes,
        events: [...new Set((declaration.events ?? []).map((e) => e.name))],
      };
    });
}

const quote = (name) => `'${name}'`;
/** hs-focus -> HsFocus (or hsFocus when not `capital`). */
const camel = (name, capital = true) =>
  name.replace(/(^|-)([a-z])/g, (_, dash, c) => (dash || capital ? c.toUpperCase() : c));
const HEADER = '// Generated from custom-elements.json by scripts/frameworkTypings.mjs; do not edit.\n';

/** The properties and attributes of an element, as one object type (no events). */
function propsType(element) {
  // `bus` reads as a LinkBus but also takes a shared bus's name (the setter's wider type).
  const picked = element.properties.filter((name) => name !== 'bus');
  const pick = picked.length ? `Partial<Pick<${element.className}, ${picked.map(quote).join(' | ')}>>` : '{}';
  const bus = element.properties.includes('bus') ? [`    bus?: ${element.className}['bus'] | string;`] : [];
  const attributes = element.attributes.map((a) => `    ${quote(a.name)}?: ${a.type};`);
  return `${pick} & {\n${[...bus, ...attributes].join('\n')}\n  }`;
}

const eventType = (name) => `EventOf<${quote(name)}>`;
const EVENT_OF =
  'type EventOf<K extends string> = K extends keyof HTMLElementEventMap ? HTMLElementEventMap[K] : CustomEvent;\n';

function imports(elements) {
  return `import type { ${elements.map((e) => e.className).join(', ')} } from './index.js';\n`;
}

/** The typings entries of an element package (dist/<name>.d.ts) and what writes each. */
export const FRAMEWORK_TYPINGS = { react: reactTypings, vue: vueTypings };

/**
 * dist/react.d.ts: `import type {} from '@statescope/x/react'` adds the package's tags to
 * React.JSX.IntrinsicElements. React 19 sets a prop as a property where the element has one,
 * else as an attribute, and `on<event>` adds a listener for <event> (so `onhs-focus`).
 */
export function reactTypings(elements) {
  const props = elements
    .map(
      (e) =>
        `/** Props of <${e.tag}> in React 19 JSX. */\nexport type ${e.className}Props = DetailedHTMLProps<HTMLAttributes<${e.className}>, ${e.className}> &\n  ${propsType(e)} & {\n` +
        e.events.map((name) => `    ${quote(`on${name}`)}?: (event: ${eventType(name)}) => void;`).join('\n') +
        '\n  };\n',
    )
    .join('\n');
  const tags = elements.map((e) => `      ${quote(e.tag)}: ${e.className}Props;`).join('\n');
  return (
    HEADER +
    "import type { DetailedHTMLProps, HTMLAttributes } from 'react';\n" +
    imports(elements) +
    '\n' +
    EVENT_OF +
    '\n' +
    props +
    `\ndeclare module 'react' {\n  namespace JSX {\n    interface IntrinsicElements {\n${tags}\n    }\n  }\n}\n`
  );
}

/**
 * dist/vue.d.ts: `import type {} from '@statescope/x/vue'` adds the package's tags to Vue's
 * GlobalComponents, so vue-tsc checks their props and `@event` listeners (onHsFocus for hs-focus)
 * in templates. Vue also needs `isCustomElement` (see the Vue recipe).
 */
export function vueTypings(elements) {
  const props = elements
    .map(
      (e) =>
        `/** Props of <${e.tag}> in Vue templates. */\nexport type ${e.className}VueProps = ${propsType(e)} & {\n` +
        e.events.map((name) => `    on${camel(name)}?: (event: ${eventType(name)}) => void;`).join('\n') +
        '\n  };\n',
    )
    .join('\n');
  const tags = elements.map((e) => `    ${quote(e.tag)}: DefineComponent<${e.className}VueProps>;`).join('\n');
  return (
    HEADER +
    "import type { DefineComponent } from 'vue';\n" +
    imports(elements) +
    '\n' +
    EVENT_OF +
    '\n' +
    props +
    `\ndeclare module 'vue' {\n  interface GlobalComponents {\n${tags}\n  }\n}\n`
  );
}
