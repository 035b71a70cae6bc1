import type { EventMessage, EventName, EventPayload } from '../../common/contract';

export type EventListener = (event: EventMessage) => void;

/** Clients (a window, a WebSocket) an event is meant for; without one, every listener gets it. */
type Audience = ReadonlySet<string>;

/**
 * Fans events out to every door (each Electron window, each WebSocket client). A door subscribes with its
 * client id so an event with an audience reaches only the clients named in it; in-process listeners (no client
 * id) still see everything.
 */
export class EventBus {
  private readonly listeners = new Map<EventListener, string | undefined>();
  private readonly goneListeners = new Set<(clientId: string) => void>();

  emit<N extends EventName>(name: N, payload: EventPayload<N>, audience?: Audience): void {
    const event = { name, payload } as EventMessage;
    for (const [listener, clientId] of this.listeners)
      if (!audience || clientId === undefined || audience.has(clientId)) listener(event);
  }

  subscribe(listener: EventListener, clientId?: string): () => void {
    this.listeners.set(listener, clientId);
    return () => {
      if (!this.listeners.delete(listener) || clientId === undefined) return;
      for (const gone of this.goneListeners) gone(clientId);
    };
  }

  /** Called once a client's subscription ends (its window closed, its socket dropped): to drop what it held. */
  onClientGone(listener: (clientId: string) => void): () => void {
    this.goneListeners.add(listener);
    return () => this.goneListeners.delete(listener);
  }
}
