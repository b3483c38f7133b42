import { resolve } from 'node:path';

/** Apple's Human Interface Guidelines minimum; clerks tap fast, often with gloves or a pen. */
export const MIN_TOUCH_PX = 44;

export interface TabletViewport {
  device: string;
  orientation: 'portrait' | 'landscape';
  width: number;
  height: number;
}

/** iPad 10.2" and a common 8" Android tablet, both ways round (CSS px). */
export const TABLET_VIEWPORTS: readonly TabletViewport[] = [
  { device: 'ipad-10.2', orientation: 'portrait', width: 810, height: 1080 },
  { device: 'ipad-10.2', orientation: 'landscape', width: 1080, height: 810 },
  { device: 'android-8', orientation: 'portrait', width: 800, height: 1280 },
  { device: 'android-8', orientation: 'landscape', width: 1280, height: 800 },
];

export interface LayoutReport {
  viewportWidth: number;
  scrollWidth: number;
  /** How many visible controls were measured: a probe that finds none has checked nothing. */
  controlCount: number;
  /** Visible controls smaller than MIN_TOUCH_PX either way, described for the failure message. */
  smallTargets: string[];
  /** Visible controls sticking out past the left or right edge (cut off, even if overflow is hidden). */
  offEdge: string[];
  /** Pairs of visible controls whose boxes cross (neither inside the other). */
  overlapping: string[];
}

/**
 * Measures the page as a clerk would meet it. Runs inside the page, so it only
 * uses DOM APIs every engine has (it must run on WebKit through WebDriver too):
 * the function's source is what gets sent.
 */
export function measureLayout(minTouch: number): LayoutReport {
  const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="tab"], [role="link"]';
  const describe = (element: Element, box: DOMRect): string => {
    const id = element.getAttribute('data-testid') ?? element.id;
    const text = (element.textContent ?? '').trim().slice(0, 24);
    return `<${element.tagName.toLowerCase()}${id ? ` ${id}` : ''}${text ? ` "${text}"` : ''}> ${Math.round(box.width)}×${Math.round(box.height)} at ${Math.round(box.left)},${Math.round(box.top)}`;
  };
  // A checkbox or radio is tapped through its label: the label is the target.
  const target = (element: Element): Element => {
    const type = element.getAttribute('type');
    if (element.tagName === 'INPUT' && (type === 'checkbox' || type === 'radio')) return element.closest('label') ?? element;
    return element;
  };
  // checkVisibility also sees content skipped by a closed <details>, which still has boxes.
  const visible = (element: Element, box: DOMRect): boolean =>
    box.width > 0 && box.height > 0 && element.checkVisibility({ visibilityProperty: true, opacityProperty: true });
  const controls: { element: Element; box: DOMRect }[] = [];
  for (const control of document.querySelectorAll(selector)) {
    const element = target(control);
    const box = element.getBoundingClientRect();
    if (visible(control, control.getBoundingClientRect()) && !controls.some((seen) => seen.element === element)) controls.push({ element, box });
  }
  const smallTargets = controls
    .filter(({ box }) => box.width < minTouch - 0.5 || box.height < minTouch - 0.5)
    .map(({ element, box }) => describe(element, box));
  const offEdge = controls
    .filter(({ box }) => box.left < -0.5 || box.right > window.innerWidth + 0.5)
    .map(({ element, box }) => describe(element, box));
  const overlapping: string[] = [];
  controls.forEach((a, i) => {
    for (const b of controls.slice(i + 1)) {
      if (a.element.contains(b.element) || b.element.contains(a.element)) continue;
      const x = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
      const y = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
      if (x > 1 && y > 1) overlapping.push(`${describe(a.element, a.box)} × ${describe(b.element, b.box)}`);
    }
  });
  const scroller = document.scrollingElement ?? document.documentElement;
  return { viewportWidth: window.innerWidth, scrollWidth: scroller.scrollWidth, controlCount: controls.length, smallTargets, offEdge, overlapping };
}

/** Where the e2e run leaves its screenshots (an artifact, not committed). */
export function screenshotPath(engine: string, viewport: TabletViewport, screen: string): string {
  return resolve(import.meta.dirname, '../../../test-results/screenshots', `${engine}-${viewport.device}-${viewport.orientation}-${screen}.png`);
}
