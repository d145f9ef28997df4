/**
 * The one way a test waits for something that happens on its own (queues, SMTP, sockets, the
 * relay): poll the check until it passes or the deadline is up. Never sleep a fixed time before a
 * negative assertion: wait for a sentinel that comes after what must not happen, then assert.
 */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
