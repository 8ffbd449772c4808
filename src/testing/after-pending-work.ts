/**
 * Resolves once every promise chain already under way has run to its end: answers a fake server gave
 * travel through promise callbacks (microtasks), which all run before the next task. For tests that
 * check that something did *not* happen after such an answer (a destroyed page, a cancelled load).
 */
export function afterPendingWork(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve));
}
