/**
 * Runs `task` once the browser is idle (within `timeoutMs` at the latest), where
 * `requestIdleCallback` exists, else after a short timeout. For work that must not compete with what
 * the user needs first: the tenant theme, the messages of states the page may show later. Returns
 * the function that cancels it.
 */
export function whenIdle(view: Window | null, task: () => void, timeoutMs = 1000): () => void {
  if (view && typeof view.requestIdleCallback === 'function') {
    const handle = view.requestIdleCallback(task, { timeout: timeoutMs });
    return () => view.cancelIdleCallback(handle);
  }
  const timer = setTimeout(task, 50);
  return () => clearTimeout(timer);
}
