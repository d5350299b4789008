import type { EmitEvent, FleetEvent } from "../contracts.js";

/** A subscriber; an exception it throws is contained so one bad listener cannot stop the fleet. */
export type EventListener = (event: FleetEvent) => void;

/** The fleet's one event sink: ECS and Secrets Manager emit here, tests and files listen. */
export interface EventBus {
  readonly emit: EmitEvent;
  /** Registers a listener; returns its unsubscribe function. */
  subscribe(listener: EventListener): () => void;
}

/** An in-process, synchronous bus: listeners see events in emission order. */
export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(event) {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch {
          // a failing subscriber must not break the emitter (the ECS scheduler, an API call)
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
