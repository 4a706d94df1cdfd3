// SPDX-License-Identifier: AGPL-3.0-or-later
// A throwaway RFC 3161 authority built with `openssl`: a root CA, a TSA certificate with the
// critical id-kp-timeStamping EKU, an `openssl ts` [tsa] section, and a loopback HTTP front.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Authority {
  dir: string;
  config: string;
  /** PEM root certificate (what `openssl ts -verify -CAfile` takes). */
  rootPem: string;
  rootFile: string;
  /** DER root and TSA certificates. */
  rootDer: Uint8Array;
  tsaDer: Uint8Array;
  /** Runs `openssl ts -reply` on a DER TimeStampReq and returns the DER TimeStampResp. */
  reply(query: Uint8Array): Promise<Uint8Array>;
}

const configText = (dir: string, name: string): string => `
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = ${name} Root
[ v3_ca ]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ v3_tsa ]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,nonRepudiation
extendedKeyUsage = critical,timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ tsa ]
default_tsa = tsa_main
[ tsa_main ]
dir = ${dir}
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/tsa.crt
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1
other_policies = 1.3.6.1.4.1.99999.2
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;

const pemToDer = (pem: string): Uint8Array =>
  new Uint8Array(Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64'));

/** Creates a root CA and a TSA certificate under `dir` (RSA root, `keyType` for the TSA key). */
export function createAuthority(
  dir: string,
  name: string,
  options: { tsaKey?: 'rsa' | 'ec'; eku?: string } = {},
): Authority {
  mkdirSync(dir, { recursive: true });
  const config = join(dir, 'openssl.cnf');
  let text = configText(dir, name);
  if (options.eku) text = text.replace('extendedKeyUsage = critical,timeStamping', options.eku);
  writeFileSync(config, text);
  writeFileSync(join(dir, 'serial'), '01\n');
  const ssl = (...args: string[]): void =>
    void execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  ssl(
    'req',
    '-x509',
    '-new',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '3650',
    '-config',
    config,
    '-extensions',
    'v3_ca',
  );
  const key =
    options.tsaKey === 'ec'
      ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256']
      : ['-newkey', 'rsa:2048'];
  ssl(
    'req',
    '-new',
    ...key,
    '-nodes',
    '-keyout',
    'tsa.key',
    '-out',
    'tsa.csr',
    '-subj',
    `/CN=${name} TSA/O=Attest tests`,
    '-config',
    config,
  );
  ssl(
    'x509',
    '-req',
    '-in',
    'tsa.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'tsa.crt',
    '-days',
    '3650',
    '-extfile',
    config,
    '-extensions',
    'v3_tsa',
  );
  const rootFile = join(dir, 'ca.crt');
  const rootPem = readFileSync(rootFile, 'utf8');
  let n = 0;
  return {
    dir,
    config,
    rootPem,
    rootFile,
    rootDer: pemToDer(rootPem),
    tsaDer: pemToDer(readFileSync(join(dir, 'tsa.crt'), 'utf8')),
    async reply(query) {
      const base = join(dir, `q${++n}`);
      writeFileSync(`${base}.tsq`, query);
      await run('openssl', [
        'ts',
        '-reply',
        '-config',
        config,
        '-queryfile',
        `${base}.tsq`,
        '-out',
        `${base}.tsr`,
      ]);
      return new Uint8Array(readFileSync(`${base}.tsr`));
    },
  };
}

export interface TsaServer {
  url: string;
  /** Requests answered so far. */
  requests: number;
  close(): Promise<void>;
}

/** Serves `authority` on 127.0.0.1 (a fixed port if given, so a restarted server is reachable again). */
export async function startTsaServer(authority: Authority, port = 0): Promise<TsaServer> {
  const state = { requests: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.headers['content-type'] !== 'application/timestamp-query') {
        res.writeHead(415).end();
        return;
      }
      authority.reply(new Uint8Array(Buffer.concat(chunks))).then(
        (tsr) => {
          state.requests++;
          res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(tsr);
        },
        () => res.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/tsa`,
    get requests() {
      return state.requests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** `openssl ts -verify` on a response for a hex digest; true when openssl says OK. */
export async function opensslVerifies(options: {
  tsrFile: string;
  digestHex?: string;
  dataFile?: string;
  caFile: string;
}): Promise<boolean> {
  const input = options.dataFile
    ? ['-data', options.dataFile]
    : ['-digest', options.digestHex ?? ''];
  try {
    const { stdout } = await run('openssl', [
      'ts',
      '-verify',
      ...input,
      '-in',
      options.tsrFile,
      '-CAfile',
      options.caFile,
    ]);
    return /Verification: OK/.test(stdout);
  } catch {
    return false;
  }
}
