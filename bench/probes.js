// Injected into every benchmarked page before its own scripts (Playwright `addInitScript`, which CSP
// does not block): records when the form becomes usable, the First Contentful Paint and the Largest
// Contentful Paint (null when Chromium reported none), in ms from navigation start, on `window.__bench`. Plain JavaScript on purpose: tsx would add helpers to a
// TypeScript function that do not exist in the page.
(() => {
  const marks = { usable: null, fcp: null, lcp: null };
  window.__bench = marks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if (entry.name === 'first-contentful-paint') marks.fcp = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) marks.lcp = entry.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });

  // Usable: the new-password input is focusable and visible, its label has text, and the rule
  // checklist lists every rule with its text. Both pages use the same ids.
  const usable = () => {
    const input = document.getElementById('ps-new-password');
    if (!(input instanceof HTMLInputElement) || input.disabled || input.tabIndex < 0) return false;
    const label = document.querySelector('label[for="ps-new-password"]');
    const rules = document.querySelectorAll('#ps-new-password-rules li');
    if (!label || !label.textContent.trim() || rules.length === 0) return false;
    if (![...rules].every((rule) => rule.textContent.trim() !== '')) return false;
    return input.getClientRects().length > 0 && getComputedStyle(input).visibility !== 'hidden';
  };
  let seen = false;
  const observer = new MutationObserver(() => {
    if (seen || !usable()) return;
    seen = true;
    observer.disconnect();
    // The frame that shows it: just after the next animation frame, i.e. after that frame's paint.
    requestAnimationFrame(() => setTimeout(() => (marks.usable = performance.now()), 0));
  });
  observer.observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    characterData: true,
  });
})();
