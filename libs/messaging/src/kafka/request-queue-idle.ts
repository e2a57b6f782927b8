/**
 * kafkajs 2.2.x re-arms a pending-request check on every broker connection even when nothing is pending and no
 * throttle is in force: the delay is then negative, Node runs it after 1 ms, and it schedules itself again. Each
 * connection wakes the process about a thousand times a second with nothing to do. A request that has to wait is
 * pushed with its own check (and a response checks the queue again), so the check is only needed when requests
 * are pending or a throttle ends later.
 */
interface RequestQueueState {
  pending: unknown[];
  throttledUntil: number;
}

export interface RequestQueuePrototype {
  scheduleCheckPendingRequests(this: RequestQueueState): void;
}

const QUIET = Symbol.for('notify.kafkajs.quietRequestQueue');

/** True when a check of `queue` could find something to send now or later. */
export function needsPendingCheck(queue: RequestQueueState, now: number): boolean {
  return queue.pending.length > 0 || queue.throttledUntil > now;
}

/** Replaces the prototype's scheduling with one that leaves an idle queue without a timer; applied once. */
export function quietRequestQueue(prototype: RequestQueuePrototype & { [QUIET]?: true }): void {
  if (prototype[QUIET]) {
    return;
  }
  const schedule = prototype.scheduleCheckPendingRequests;
  prototype.scheduleCheckPendingRequests = function (this: RequestQueueState) {
    if (needsPendingCheck(this, Date.now())) {
      schedule.call(this);
    }
  };
  prototype[QUIET] = true;
}

/** kafkajs' request queue class; not part of its public API, so it is looked up where 2.2.x keeps it. */
export function kafkajsRequestQueue(): { prototype: RequestQueuePrototype } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('kafkajs/src/network/requestQueue') as { prototype: RequestQueuePrototype };
}
