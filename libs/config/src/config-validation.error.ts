export interface ConfigProblem {
  variable: string;
  reason: string;
}

/** Start-up failure listing every invalid environment variable; it never contains a variable's value. */
export class ConfigValidationError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      ['Invalid configuration:', ...problems.map(({ variable, reason }) => ` - ${variable}: ${reason}`)].join(
        '\n',
      ),
    );
    this.name = 'ConfigValidationError';
  }
}
