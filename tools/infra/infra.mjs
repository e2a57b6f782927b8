#!/usr/bin/env node
// Local infrastructure for development and tests: `npm run infra -- up|down|status`.
import { defaults, loadConfig, repoRoot } from './config.mjs';
import { InfraError } from './errors.mjs';
import { kafkaBroker } from './kafka.mjs';
import { formatFailure, formatSummary } from './output.mjs';
import { postgres } from './postgres.mjs';
import { sesEmulator } from './ses.mjs';

const USAGE = `Usage: npm run infra -- <command>

Commands:
  up              start Kafka and the SES emulator, check that PostgreSQL answers
  down [--purge]  stop what \`up\` started; --purge also deletes Kafka's data (clean slate)
  status          show each component: state, address, pid and log file, and where the Kafka client files are
  rotate <user>   give one Kafka principal a new SCRAM password (its client file follows); the others keep theirs
  grant <prefix>  apply the declared ACLs again to topics and groups named with <prefix> (test suites)
  revoke <prefix> remove what \`grant <prefix>\` added

Environment (default):
  KAFKA_PORT             broker port (${defaults.KAFKA_PORT})
  KAFKA_CONTROLLER_PORT  KRaft controller port (${defaults.KAFKA_CONTROLLER_PORT})
  KAFKA_VERSION          Kafka release to run (kafka.version in deploy/kafka/pom.xml)
  INFRA_KAFKA_SECURITY   sasl_ssl: SCRAM over TLS with ACLs, as in production; plaintext: no security (${defaults.INFRA_KAFKA_SECURITY})
  SES_PORT               SES v2 emulator port (${defaults.SES_PORT})
  INFRA_DIR              jars, data, pid and log files, relative to the repository (${defaults.INFRA_DIR})
  JAVA_HOME              Java 17+ used for Kafka (java on PATH)`;

function progress(name, message) {
  console.log(`${name.padEnd(9)}  ${message} ...`);
}

function components(config) {
  return [
    postgres(config.postgres),
    sesEmulator(config.ses, { repoRoot }),
    kafkaBroker(config.kafka, { progress: (message) => progress('kafka', message) }),
  ];
}

/** Runs `action` on each component in turn, printing one line per component; resolves true if all succeeded. */
async function runEach(list, action) {
  let succeeded = true;
  for (const component of list) {
    try {
      console.log(formatSummary(await action(component)));
    } catch (error) {
      if (!(error instanceof InfraError)) throw error;
      console.log(formatFailure(component.name, error));
      succeeded = false;
    }
  }
  return succeeded;
}

async function up(config) {
  const startedAt = Date.now();
  const succeeded = await runEach(components(config), (component) => component.up());
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  console.log(succeeded ? `infra is up (${seconds} s)` : `infra up failed (${seconds} s)`);
  return succeeded;
}

function down(config, flags) {
  const purge = flags.includes('--purge');
  return runEach(components(config).reverse(), (component) => component.down({ purge }));
}

function status(config) {
  return runEach(components(config), (component) => component.status());
}

function onKafka(action) {
  return (config, args) => {
    const kafka = components(config).find((component) => component.name === 'kafka');
    return runEach([kafka], (component) => action(component, args));
  };
}

const COMMANDS = {
  up: { run: up, flags: [] },
  down: { run: down, flags: ['--purge'] },
  status: { run: status, flags: [] },
  rotate: { run: onKafka((kafka, [principal]) => kafka.rotate(principal)), arguments: 1 },
  grant: { run: onKafka((kafka, [prefix]) => kafka.suiteAcls(prefix)), arguments: 1 },
  revoke: { run: onKafka((kafka, [prefix]) => kafka.suiteAcls(prefix, { revoke: true })), arguments: 1 },
};

function isValidInvocation(command, flags) {
  if (!Object.hasOwn(COMMANDS, command)) return false;
  const spec = COMMANDS[command];
  if (spec.arguments !== undefined) return flags.length === spec.arguments && !flags[0].startsWith('-');
  return flags.every((flag) => spec.flags.includes(flag));
}

/** @param {string[]} argv */
async function main([command, ...flags]) {
  if (!isValidInvocation(command, flags)) {
    console.log(USAGE);
    return ['help', '--help', '-h'].includes(command);
  }
  return COMMANDS[command].run(loadConfig(), flags);
}

try {
  process.exitCode = (await main(process.argv.slice(2))) ? 0 : 1;
} catch (error) {
  console.error(error instanceof InfraError ? `infra: ${error.message}` : error);
  process.exitCode = 1;
}
