#!/usr/bin/env node
// Runs the whole system locally: infrastructure, a build of every service, then the four services and the console
// (each applies its own migrations at start-up). Ctrl-C stops the services; `npm run infra -- down`
// stops the infrastructure. `<NAME>_PORT` (e.g. `DISPATCHER_PORT=3104`) moves a service to another port.
import { buildServices, CONSOLE, infraUp, SERVICES, servicePort, startService } from './services.mjs';

function prefixedOutput(name) {
  return (line, stream) =>
    (stream === 'stderr' ? process.stderr : process.stdout).write(`[${name.padEnd(11)}] ${line}\n`);
}

infraUp();
buildServices();
if (!process.env.AUTH_JWT_SECRET) {
  console.warn(
    'AUTH_JWT_SECRET is not set: using the local development secret (never do this in production)',
  );
}
if (!process.env.AUTH_SERVICE_JWT_SECRET) {
  // Production sets AUTH_SERVICE_JWT_ISSUER and _SECRET (docs/security.md); set them here to run the same way.
  console.warn('AUTH_SERVICE_JWT_SECRET is not set: service tokens are HS256 on AUTH_JWT_SECRET with roles ["service"]');
}

const children = new Map(
  [...SERVICES, CONSOLE].map((service) => [
    service.name,
    startService(service, { onLine: prefixedOutput(service.name) }),
  ]),
);
let stopping = false;

for (const [name, child] of children) {
  child.on('exit', (code, signal) => {
    children.delete(name);
    console.log(`[${name.padEnd(11)}] exited (${signal ?? code})`);
    if (!stopping) {
      console.error(`${name} stopped unexpectedly; stopping the others`);
      stopAll('SIGTERM');
    }
    if (children.size === 0) {
      process.exit(stopping ? 0 : 1);
    }
  });
}

function stopAll(signal) {
  stopping = true;
  for (const child of children.values()) {
    child.kill(signal);
  }
}

process.on('SIGINT', () => stopAll('SIGTERM'));
process.on('SIGTERM', () => stopAll('SIGTERM'));
console.log(
  `Services starting: ${SERVICES.map((s) => `${s.name} http://127.0.0.1:${servicePort(s)}/docs`).join(', ')}; ` +
    `SES inbox at ${process.env.SES_ENDPOINT ?? 'http://127.0.0.1:8005'}`,
);
console.log(`Support console: http://localhost:${servicePort(CONSOLE)}/ (development sign-in on)`);
