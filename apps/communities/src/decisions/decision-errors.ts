/** A decision names an item this service never recorded; it goes to the dead-letter topic for inspection. */
export class UnknownDecisionTargetError extends Error {
  constructor(kind: string, id: string) {
    super(`No ${kind} ${id} is known to the communities service`);
    this.name = 'UnknownDecisionTargetError';
  }
}

/** A second, different decision arrived for an item already decided. */
export class ConflictingDecisionError extends Error {
  constructor(kind: string, id: string, recorded: string, received: string) {
    super(`The ${kind} ${id} was already ${recorded}; a later "${received}" decision is not applied`);
    this.name = 'ConflictingDecisionError';
  }
}
