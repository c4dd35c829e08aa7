/**
 * A view's rendered markup as stable text for snapshot tests: one element per line, indented,
 * attributes sorted, numbers rounded to two decimals, styles and text kept. A snapshot diff then
 * shows what a user would see change, not float noise or attribute order.
 */
export function normalizeMarkup(root: ParentNode): string {
  const lines: string[] = [];
  const round = (value: string) =>
    value.replace(/-?\d+\.\d+(e-?\d+)?/g, (n) => String(Math.round(Number(n) * 100) / 100));
  const walk = (node: Node, depth: number) => {
    if (node.nodeType === 3) {
      const text = node.textContent!.trim();
      if (text) lines.push(`${'  '.repeat(depth)}${JSON.stringify(text)}`);
      return;
    }
    if (node.nodeType !== 1) return;
    const element = node as Element;
    if (element.localName === 'style') return;
    const attributes = [...element.attributes]
      .map((a) => `${a.name}="${round(a.value)}"`)
      .sort()
      .join(' ');
    lines.push(`${'  '.repeat(depth)}<${element.localName}${attributes ? ' ' + attributes : ''}>`);
    element.childNodes.forEach((child) => walk(child, depth + 1));
  };
  root.childNodes.forEach((child) => walk(child, 0));
  return lines.join('\n') + '\n';
}
