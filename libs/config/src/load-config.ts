import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { ConfigValidationError, type ConfigProblem } from './config-validation.error';

export type Environment = Record<string, string | undefined>;

/**
 * Builds and validates a configuration class from environment variables.
 * Empty variables count as unset, so defaults declared on the class apply.
 */
export function loadConfig<T extends object>(
  configClass: ClassConstructor<T>,
  env: Environment = process.env,
): T {
  const config = plainToInstance(configClass, withoutEmptyValues(env), { enableImplicitConversion: true });
  // `whitelist` drops the unrelated environment variables copied onto the instance.
  const errors = validateSync(config, { whitelist: true, validationError: { target: false, value: false } });
  const problems = errors.map(toProblem);
  const faulty = new Set(problems.map((problem) => problem.variable));
  const combinations = hasCombinationRules(config) ? config.configurationProblems() : [];
  problems.push(...combinations.filter((problem) => !faulty.has(problem.variable)));
  if (problems.length > 0) {
    throw new ConfigValidationError(problems);
  }
  return config;
}

/** A configuration class whose rules span several variables (e.g. a protocol and the settings it needs). */
export interface CombinationRules {
  configurationProblems(): ConfigProblem[];
}

function hasCombinationRules(config: object): config is CombinationRules {
  return typeof (config as Partial<CombinationRules>).configurationProblems === 'function';
}

function withoutEmptyValues(env: Environment): Record<string, string> {
  const present: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') {
      present[name] = value;
    }
  }
  return present;
}

function toProblem(error: ValidationError): ConfigProblem {
  const constraints = error.constraints ?? {};
  if (constraints['isDefined']) {
    return { variable: error.property, reason: 'is required' };
  }
  const reasons = new Set(
    Object.values(constraints).map((message) => withoutPropertyName(message, error.property)),
  );
  return { variable: error.property, reason: [...reasons].join('; ') || 'is invalid' };
}

function withoutPropertyName(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
