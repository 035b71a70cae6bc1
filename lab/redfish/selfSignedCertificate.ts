import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface SelfSignedCertificate {
  key: string;
  cert: string;
  /** SHA-256 of the DER certificate, colon-separated upper-case hex (as browsers and `openssl x509 -fingerprint` show). */
  fingerprint: string;
}

/**
 * A fresh self-signed certificate, as every iLO ships with: made by the `openssl` command line (Node's crypto
 * can make keys but not X.509 certificates). The key only touches a private temp directory that is removed at once.
 */
export async function makeSelfSignedCertificate(commonName: string): Promise<SelfSignedCertificate> {
  const dir = await mkdtemp(join(tmpdir(), 'labvisor-redfish-cert-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    await promisify(execFile)('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '30',
      '-subj',
      `/O=Labvisor test BMC/CN=${commonName}`,
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ]);
    const [keyPem, certPem] = await Promise.all([readFile(key, 'utf8'), readFile(cert, 'utf8')]);
    return { key: keyPem, cert: certPem, fingerprint: new X509Certificate(certPem).fingerprint256 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
