/**
 * Two timers kafkajs 2.2.x keeps on every broker connection, made to wake an idle process less often:
 *
 * - It re-arms a pending-request check even when nothing is pending and no throttle is in force: the delay is then
 *   negative, Node runs it after 1 ms, and it schedules itself again, about a thousand wake-ups a second per
 *   connection. A request that has to wait is pushed with its own check (and a response checks the queue again), so
 *   the check is only needed when requests are pending or a throttle ends later.
 * - It looks for timed-out requests every 100 ms. Request timeouts are tens of seconds (30 s by default, a fetch's
 *   wait plus that for a fetch), so a check every second ends a timed-out request at most a second later, with a
 *   tenth of the wake-ups.
 */
interface InflightRequest {
  sentAt: number;
  requestTimeout: number;
  timeoutRequest(): void;
}

interface RequestQueueState {
  pending: unknown[];
  throttledUntil: number;
  inflight: Map<number, InflightRequest>;
  enforceRequestTimeout: boolean;
  requestTimeout: number;
  requestTimeoutIntervalId?: NodeJS.Timeout;
  isConnected(): boolean;
  destroy(): void;
}

export interface RequestQueuePrototype {
  scheduleCheckPendingRequests(this: RequestQueueState): void;
  scheduleRequestTimeoutCheck(this: RequestQueueState): void;
}

/** How often a connection looks for requests past their timeout. */
export const REQUEST_TIMEOUT_CHECK_MS = 1000;

const QUIET = Symbol.for('notify.kafkajs.quietRequestQueue');

/** True when a check of `queue` could find something to send now or later. */
export function needsPendingCheck(
  queue: Pick<RequestQueueState, 'pending' | 'throttledUntil'>,
  now: number,
): boolean {
  return queue.pending.length > 0 || queue.throttledUntil > now;
}

/** Ends the in-flight requests of `queue` that have waited longer than their timeout. */
function timeOutOverdue(queue: RequestQueueState, now: number): void {
  for (const request of queue.inflight.values()) {
    if (now - request.sentAt > request.requestTimeout) {
      request.timeoutRequest();
    }
  }
}

/** Replaces the prototype's two timers as described above; applied once. */
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
  prototype.scheduleRequestTimeoutCheck = function (this: RequestQueueState) {
    if (!this.enforceRequestTimeout) {
      return;
    }
    this.destroy();
    this.requestTimeoutIntervalId = setInterval(
      () => {
        timeOutOverdue(this, Date.now());
        if (!this.isConnected()) {
          this.destroy();
        }
      },
      Math.min(this.requestTimeout, REQUEST_TIMEOUT_CHECK_MS),
    );
  };
  prototype[QUIET] = true;
}

/** kafkajs' request queue class; not part of its public API, so it is looked up where 2.2.x keeps it. */
export function kafkajsRequestQueue(): { prototype: RequestQueuePrototype } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('kafkajs/src/network/requestQueue') as { prototype: RequestQueuePrototype };
}
