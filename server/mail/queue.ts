import crypto from 'node:crypto';
import Queue from 'bull';
import type { Logger } from '../logger';

/** One job per (notification, recipient); running it twice sends nothing twice (the mailer checks). */
export interface MailJob {
  notificationId: string;
  recipient: string;
}

export type MailJobHandler = (job: MailJob) => Promise<void>;

export interface RetryPolicy {
  attempts: number;
  /** first retry after this; each further retry waits twice as long */
  backoffMs: number;
}

export interface MailQueue {
  readonly kind: 'bull' | 'in-process';
  add(job: MailJob): Promise<void>;
  start(handler: MailJobHandler): void;
  close(): Promise<void>;
  ready(): Promise<boolean>;
}

/** The same job gets the same id, so Bull does not queue it twice while it waits. */
const jobKey = (job: MailJob) => crypto.createHash('sha1').update(`${job.notificationId}\n${job.recipient}`).digest('hex');

export function createBullMailQueue(options: { redisUrl: string; prefix: string; name: string; retry: RetryPolicy; concurrency: number; logger: Logger }): MailQueue {
  const queue = new Queue<MailJob>(options.name, options.redisUrl, {
    prefix: options.prefix,
    defaultJobOptions: {
      attempts: options.retry.attempts,
      backoff: { type: 'exponential', delay: options.retry.backoffMs },
      // gone once finished, so the sweep can queue a delivery again after its attempts ran out
      removeOnComplete: true,
      removeOnFail: true,
    },
  });
  queue.on('error', (err) => options.logger.warn('mail queue error', { err }));
  queue.on('failed', (job, err) => options.logger.warn('mail delivery attempt failed', { notification: job.data.notificationId, attempt: job.attemptsMade, err: err.message }));
  return {
    kind: 'bull',
    async add(job) {
      await queue.add(job, { jobId: jobKey(job) });
    },
    start(handler) {
      void queue.process(options.concurrency, (job) => handler(job.data));
    },
    close: () => queue.close(),
    async ready() {
      return (await queue.client.ping()) === 'PONG';
    },
  };
}

/**
 * Without Redis: jobs live in memory with the same retry and backoff. Nothing is lost on a crash
 * all the same: the deliveries table is the truth and the mailer's sweep queues unsent ones again.
 */
export function createInProcessMailQueue(options: { retry: RetryPolicy; concurrency: number; logger: Logger }): MailQueue {
  const known = new Set<string>();
  const ready: { job: MailJob; attempt: number }[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let handler: MailJobHandler | null = null;
  let closed = false;

  function pump(): void {
    while (handler && !closed && running.size < options.concurrency && ready.length > 0) {
      const { job, attempt } = ready.shift()!;
      const run: Promise<void> = handler(job).then(
        () => {
          known.delete(jobKey(job));
        },
        (err: unknown) => {
          options.logger.warn('mail delivery attempt failed', { notification: job.notificationId, attempt, err: err instanceof Error ? err.message : String(err) });
          if (attempt >= options.retry.attempts || closed) {
            known.delete(jobKey(job));
            return;
          }
          const timer = setTimeout(() => {
            timers.delete(timer);
            ready.push({ job, attempt: attempt + 1 });
            pump();
          }, options.retry.backoffMs * 2 ** (attempt - 1));
          timer.unref();
          timers.add(timer);
        },
      ).finally(() => {
        running.delete(run);
        pump();
      });
      running.add(run);
    }
  }

  return {
    kind: 'in-process',
    async add(job) {
      const key = jobKey(job);
      if (closed || known.has(key)) return;
      known.add(key);
      ready.push({ job, attempt: 1 });
      pump();
    },
    start(h) {
      handler = h;
      pump();
    },
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.all(running);
    },
    ready: async () => true,
  };
}
