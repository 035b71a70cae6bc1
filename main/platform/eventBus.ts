import type { EventMessage, EventName, EventPayload } from '../../common/contract';

export type EventListener = (event: EventMessage) => void;

/** Fans events out to every door (each Electron window, each WebSocket client). */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<N extends EventName>(name: N, payload: EventPayload<N>): void {
    const event = { name, payload } as EventMessage;
    for (const listener of this.listeners) listener(event);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
