import { createVerify, X509Certificate } from 'node:crypto';
import { stringToSign, type SnsMessage } from './sns-message';

const ALGORITHMS: Record<string, string> = { '1': 'RSA-SHA1', '2': 'RSA-SHA256' };

/** Whether the message was signed by the key of `certificatePem`, a certificate valid at `now`. */
export function hasValidSignature(message: SnsMessage, certificatePem: string, now: Date): boolean {
  const algorithm = ALGORITHMS[message.SignatureVersion];
  if (algorithm === undefined) {
    return false;
  }
  const certificate = new X509Certificate(certificatePem);
  if (now < new Date(certificate.validFrom) || now > new Date(certificate.validTo)) {
    return false;
  }
  const verifier = createVerify(algorithm);
  verifier.update(stringToSign(message), 'utf8');
  return verifier.verify(certificate.publicKey, message.Signature, 'base64');
}
