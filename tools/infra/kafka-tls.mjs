// The local broker's certificates: a private CA, and a broker certificate it signs that serves TLS to clients and
// authenticates the broker to its own KRaft controller (mutual TLS). Made once with openssl, kept under .infra.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { displayPath } from './output.mjs';
import { runCommand } from './processes.mjs';

const DAYS = '3650';
/** The broker's principal on the mutual-TLS controller listener (see ssl.principal.mapping.rules). */
export const BROKER_CERT_NAME = 'kafka-broker';

export function tlsPaths(kafkaDir) {
  const dir = path.join(kafkaDir, 'tls');
  return {
    dir,
    caKey: path.join(dir, 'ca.key'),
    caCert: path.join(dir, 'ca.pem'),
    brokerKey: path.join(dir, 'broker.key'),
    brokerCert: path.join(dir, 'broker.pem'),
    brokerKeystore: path.join(dir, 'broker.p12'),
    keystorePasswordFile: path.join(dir, 'broker.p12.password'),
  };
}

async function openssl(args, input) {
  return runCommand('openssl', args, { input });
}

/** Creates the CA and the broker's keystore unless both exist; resolves with the paths and keystore password. */
export async function ensureCertificates(kafkaDir, host, progress) {
  const paths = tlsPaths(kafkaDir);
  if (
    existsSync(paths.brokerKeystore) &&
    existsSync(paths.caCert) &&
    existsSync(paths.keystorePasswordFile)
  ) {
    return { ...paths, keystorePassword: readFileSync(paths.keystorePasswordFile, 'utf8').trim() };
  }
  progress(`creating a local CA and the broker's certificate in ${displayPath(paths.dir)}`);
  rmSync(paths.dir, { recursive: true, force: true });
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  const extensions = path.join(paths.dir, 'broker.ext');
  writeFileSync(
    extensions,
    [
      'basicConstraints=CA:FALSE',
      'keyUsage=digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth,clientAuth',
      `subjectAltName=IP:${host},DNS:localhost`,
    ].join('\n'),
  );
  const csr = path.join(paths.dir, 'broker.csr');
  await openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-sha256',
    '-days',
    DAYS,
    '-subj',
    '/CN=notify-local-ca',
    '-keyout',
    paths.caKey,
    '-out',
    paths.caCert,
  ]);
  await openssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-sha256',
    '-subj',
    `/CN=${BROKER_CERT_NAME}`,
    '-keyout',
    paths.brokerKey,
    '-out',
    csr,
  ]);
  await openssl([
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    paths.caCert,
    '-CAkey',
    paths.caKey,
    '-CAcreateserial',
    '-days',
    DAYS,
    '-sha256',
    '-extfile',
    extensions,
    '-out',
    paths.brokerCert,
  ]);
  const keystorePassword = randomBytes(18).toString('base64url');
  await openssl(
    [
      'pkcs12',
      '-export',
      '-name',
      BROKER_CERT_NAME,
      '-in',
      paths.brokerCert,
      '-inkey',
      paths.brokerKey,
      '-certfile',
      paths.caCert,
      '-out',
      paths.brokerKeystore,
      '-passout',
      'stdin',
    ],
    `${keystorePassword}\n`,
  );
  writeFileSync(paths.keystorePasswordFile, `${keystorePassword}\n`, { mode: 0o600 });
  for (const file of [paths.caKey, paths.brokerKey]) chmodSync(file, 0o600);
  rmSync(csr, { force: true });
  rmSync(extensions, { force: true });
  return { ...paths, keystorePassword };
}
