// SPDX-License-Identifier: AGPL-3.0-or-later
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { extname, join } from 'node:path';

export interface HostedFixtures {
  port: number;
  /** Chromium switch that sends every listed host to this server. */
  resolverRule: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.css': 'text/css',
};

function typeOf(file: string): string {
  return TYPES[extname(file)] ?? 'application/octet-stream';
}

/** Routes `<prefix><name>` to each of `names` in `dir` (e.g. a fixture page's images). */
export function routesFor(prefix: string, dir: string, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [`${prefix}${name}`, join(dir, name)]));
}

/**
 * Serves fixture files under real host names over HTTPS (x.com is HSTS-preloaded, so plain HTTP
 * would be refused), with a throwaway self-signed certificate made by `openssl req` in `dir`.
 * `routes` maps a URL path to a file; anything else is 404.
 */
export async function hostFixtures(options: {
  dir: string;
  hosts: string[];
  routes: Record<string, string>;
}): Promise<HostedFixtures> {
  const key = join(options.dir, 'key.pem');
  const cert = join(options.dir, 'cert.pem');
  const san = options.hosts.map((h) => `DNS:${h}`).join(',');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=attest-e2e',
      '-addext',
      `subjectAltName=${san}`,
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'pipe' },
  );
  const server: Server = createServer(
    { key: readFileSync(key), cert: readFileSync(cert) },
    (req, res) => {
      const path = new URL(req.url ?? '/', 'https://fixture.invalid').pathname;
      const file = options.routes[path];
      if (!file) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': typeOf(file) }).end(readFileSync(file));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const port = address.port;
  return {
    port,
    resolverRule: `--host-resolver-rules=${options.hosts.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(',')}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
