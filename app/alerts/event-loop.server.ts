// Long runs (a weekly digest for thousands of alerts) share the server's one thread with the pages:
// they give the event loop a turn between small pieces of work, so that requests arriving meanwhile
// are answered within milliseconds rather than after the run.

/** Lets the server answer the requests that arrived meanwhile. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
