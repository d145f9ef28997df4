/** A worker pass that runs one at a time, however often it is woken. */
export interface SingleFlight {
  /** Runs a pass now; while one runs, asks it for one more pass after it and shares its promise (what all the passes returned, summed). */
  run(): Promise<number>;
  /** From inside a pass: run one more after this one. */
  again(): void;
  /** The passes running now, to wait for at stop. */
  readonly running: Promise<number> | null;
}

/**
 * The relay, the mail worker, the hub sender and the automated-callback sender are woken by
 * commits, notifications and timers at once: a burst of wake-ups costs one extra pass, not one each.
 */
export function singleFlight(pass: () => Promise<number>, options: {
  stopped: () => boolean;
  onError: (err: unknown) => void;
  /** after a failed pass: `continue` still runs a pass asked for meanwhile; `stop` leaves it to the next wake-up */
  afterError: 'continue' | 'stop';
  /** a call while stopped runs nothing and answers 0 */
  idleWhenStopped?: boolean;
}): SingleFlight {
  let running: Promise<number> | null = null;
  let again = false;
  function run(): Promise<number> {
    if (options.idleWhenStopped && options.stopped()) return Promise.resolve(0);
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        try {
          total += await pass();
        } catch (err) {
          options.onError(err);
          if (options.afterError === 'stop') break;
        }
      } while (again && !options.stopped());
      return total;
    })().finally(() => {
      running = null;
    });
    return running;
  }
  return {
    run,
    again: () => {
      again = true;
    },
    get running() {
      return running;
    },
  };
}
