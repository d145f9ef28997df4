import { EventEmitter } from 'node:events';
import type { Logger } from '../logger';
import type { DomainEvent } from './types';

export type EventHandler = (event: DomainEvent) => void | Promise<void>;

/**
 * The one event path. Services queue events while their transaction runs and the bus hears them
 * only after commit; realtime, queues and mail subscribe here and nowhere else.
 */
export class EventBus {
  private readonly emitter = new EventEmitter();
  constructor(private readonly logger: Logger) {
    this.emitter.setMaxListeners(100);
  }

  subscribe(handler: EventHandler): () => void {
    const listener = (event: DomainEvent) => {
      Promise.resolve()
        .then(() => handler(event))
        .catch((err: unknown) => this.logger.error('event handler failed', { event: event.type, err }));
    };
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  publish(events: readonly DomainEvent[]): void {
    for (const event of events) this.emitter.emit('event', event);
  }
}
