import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Knex } from 'knex';
import { handleOnce } from '../db/unit-of-work';
import type { Logger } from '../logger';
import type { DomainEvent, DurableConsumer, EventEnvelope, EventHandler, EventMeta } from './types';

/** An event as the outbox holds it: `id` is given at emit time, `seq` once the relay sequenced it. */
export type { ConsumerWork, DurableConsumer, EventEnvelope, EventHandler, EventMeta } from './types';

/**
 * The one event path. Services emit inside their transaction; the events are outbox rows written
 * by that transaction (`server/events/outbox.ts`), and after commit:
 * - `subscribe`: handlers in THIS process hear the events this process committed, at once
 *   (best effort: a crash right after commit skips them; caches and tests listen here);
 * - `subscribeDurable`: once per desk, at least once, idempotent by event id (the relay re-offers
 *   what a crash or an error skipped);
 * - the outbox relay's `subscribe` (server/events/outbox.ts): every event of every process, in
 *   `seq` order (realtime).
 */
export class EventBus {
  private readonly emitter = new EventEmitter();
  private readonly durable: DurableConsumer[] = [];
  private readonly committedHooks = new Set<() => void>();

  constructor(private readonly logger: Logger) {
    this.emitter.setMaxListeners(100);
  }

  subscribe(handler: EventHandler): () => void {
    const listener = (envelope: EventEnvelope) => {
      Promise.resolve()
        .then(() => handler(envelope.event, { id: envelope.id, seq: envelope.seq }))
        .catch((err: unknown) => this.logger.error('event handler failed', { event: envelope.event.type, err }));
    };
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  subscribeDurable(consumer: DurableConsumer): () => void {
    // Two apps on one bus (tests) may subscribe one name twice: they share its handled marks and cursor.
    this.durable.push(consumer);
    return () => {
      const at = this.durable.indexOf(consumer);
      if (at >= 0) this.durable.splice(at, 1);
    };
  }

  durableConsumers(): readonly DurableConsumer[] {
    return this.durable;
  }

  /** A relay's wake-up after a local commit, while it runs; returns the unsubscribe. */
  onCommitted(hook: () => void): () => void {
    this.committedHooks.add(hook);
    return () => this.committedHooks.delete(hook);
  }

  /**
   * Stable entry for events that have no outbox row (tests, tools): this process's subscribers
   * hear them. Services never call it: their events go through `inTransaction`.
   */
  publish(events: readonly DomainEvent[]): void {
    this.committed(events.map((event) => ({ id: crypto.randomUUID(), event })), false);
  }

  /** Called by the unit of work after its transaction committed the events' outbox rows. */
  committed(envelopes: readonly EventEnvelope[], durable = true): void {
    if (envelopes.length === 0) return;
    for (const envelope of envelopes) this.emitter.emit('event', envelope);
    if (durable) {
      for (const envelope of envelopes) {
        for (const consumer of this.durable) {
          if (!consumer.types.includes(envelope.event.type)) continue;
          // the relay offers it again if this fails or the process dies first
          handleOnce(this, consumer, envelope).catch((err: unknown) =>
            this.logger.warn('durable consumer failed; the outbox relay will retry', { consumer: consumer.name, event: envelope.event.type, err }));
        }
      }
    }
    for (const hook of this.committedHooks) hook();
  }
}
