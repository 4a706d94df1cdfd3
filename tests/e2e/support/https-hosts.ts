// SPDX-License-Identifier: AGPL-3.0-or-later
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer, type Server } from 'node:https';
import { connect, type Socket } from 'node:net';
import { extname, join } from 'node:path';

export interface HostedFixtures {
  port: number;
  /** Chromium switch that sends every listed host to this server. */
  resolverRule: string;
  /**
   * Firefox has no host-resolver switch (`network.dns.forceResolve` maps every host to one
   * address, not to a port): these prefs make it use a local proxy whose CONNECT tunnels reach
   * this server for the listed hosts and nothing else.
   */
  firefoxPrefs: Record<string, string | number | boolean>;
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
 * `routes` maps a URL path (or host and path, `x.com/a`, which wins) to a file; anything else is 404.
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
      const host = (req.headers.host ?? '').replace(/:\d+$/, '');
      const file = options.routes[`${host}${path}`] ?? options.routes[path];
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
  const proxy = await startTunnel(options.hosts, port);
  return {
    port,
    resolverRule: `--host-resolver-rules=${options.hosts.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(',')}`,
    firefoxPrefs: {
      'network.proxy.type': 1,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxy.port,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxy.port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': false,
    },
    close: async () => {
      await proxy.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * An HTTP proxy that only tunnels (CONNECT) to `hosts` on port 443, into the fixture server;
 * anything else is refused, so no request leaves the machine.
 */
async function startTunnel(hosts: string[], target: number) {
  const sockets = new Set<Socket>();
  const proxy = createHttpServer((_req, res) => res.writeHead(403).end('tunnels only'));
  proxy.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const [host, port] = (req.url ?? '').split(':');
    if (!host || !hosts.includes(host) || port !== '443') {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(target, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => (s === client ? upstream : client).destroy());
    }
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const address = proxy.address();
  if (address === null || typeof address === 'string') throw new Error('no proxy port');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        proxy.close(() => resolve());
      }),
  };
}
