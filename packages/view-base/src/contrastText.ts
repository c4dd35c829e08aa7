import { rgb } from 'd3-color';

/** Black or white, whichever reads better on the given background (WCAG relative luminance). */
export function contrastText(background: string): string {
  const { r, g, b } = rgb(background);
  const channel = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  return luminance > 0.179 ? '#000' : '#fff';
}
