/**
 * WCAG 2 contrast ratio of an element's text against the first opaque background behind it (the element's or
 * an ancestor's), as the browser computed both colours. Text needs 4.5:1 (AA).
 */
import type { Locator } from 'playwright-core';

export function textContrast(locator: Locator): Promise<number> {
  return locator.evaluate((element) => {
    const rgba = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const [lr, lg, lb] = [r, g, b].map((c) => {
        const s = c / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * lr! + 0.7152 * lg! + 0.0722 * lb!;
    };
    let background = [255, 255, 255];
    for (let e: Element | null = element; e; e = e.parentElement) {
      const [r, g, b, a = 1] = rgba(getComputedStyle(e).backgroundColor);
      if (a === 1) {
        background = [r!, g!, b!];
        break;
      }
    }
    const style = getComputedStyle(element);
    const text = luminance(rgba(style.color));
    const back = luminance(background);
    // An opacity below 1 (a disabled look) blends the text towards the background; count it.
    const seen = Number(style.opacity) * text + (1 - Number(style.opacity)) * back;
    return (Math.max(seen, back) + 0.05) / (Math.min(seen, back) + 0.05);
  });
}
