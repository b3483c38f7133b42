import type { Page } from 'playwright-core';

/**
 * One counter lookup on a signed-in tablet, timed inside the page: the search
 * field is given `TNP1:<memberNo>` (the text the camera callback or a
 * keyboard-wedge scanner hands to the counter's onScan, which the search
 * routes to the same function), then the clock runs from the submit click to
 * the animation frame after the member's number appears in the member card.
 */
export async function timeCounterLookup(page: Page, memberNo: string): Promise<number> {
  return page.evaluate(async (no) => {
    const input = document.querySelector<HTMLInputElement>('[data-testid="member-search"]');
    const submit = document.querySelector<HTMLButtonElement>('[data-testid="member-search-submit"]');
    if (!input || !submit) throw new Error('the counter search is not on screen');
    // React tracks the value through the native setter: assigning input.value would be ignored.
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, `TNP1:${no}`);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    // Let React render the field's new state, so the submit reads it.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    // No named local functions in here: tsx would wrap them in a helper the page does not have.
    return new Promise<number>((resolve, reject) => {
      let started = 0;
      const giveUp = setTimeout(() => {
        observer.disconnect();
        reject(new Error(`member ${no} was not shown within 10 s`));
      }, 10_000);
      const observer = new MutationObserver(() => {
        if (![...document.querySelectorAll('[data-testid="member-no"]')].some((el) => el.textContent === no)) return;
        observer.disconnect();
        clearTimeout(giveUp);
        requestAnimationFrame(() => resolve(performance.now() - started));
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      started = performance.now();
      submit.click();
    });
  }, memberNo);
}
