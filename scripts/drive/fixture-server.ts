// SPDX-License-Identifier: AGPL-3.0-or-later
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.css': 'text/css',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.mp4': 'video/mp4',
};

export interface FixtureServer {
  origin: string;
  url(name: string): string;
  close(): Promise<void>;
}

export interface FixtureServerOptions {
  /**
   * The host name in `origin` (default 127.0.0.1). `localhost` reaches the same loopback server
   * but is another site, as a third party's server is to the page.
   */
  host?: '127.0.0.1' | 'localhost';
  /** Sees every request first, in arrival order; returns true when it answered the request itself. */
  onRequest?(req: IncomingMessage, res: ServerResponse): boolean;
}

/** Serves the files of one folder on 127.0.0.1 (loopback only), read-only, no directory listing. */
export async function startFixtureServer(
  root: string,
  options: FixtureServerOptions = {},
): Promise<FixtureServer> {
  const server: Server = createServer((req, res) => {
    if (options.onRequest?.(req, res)) return;
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(root, path);
    if (!file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) =>
        res
          .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
          .end(body),
      () => res.writeHead(404).end('not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('fixture server has no port');
  const origin = `http://${options.host ?? '127.0.0.1'}:${address.port}`;
  return {
    origin,
    url: (name) => `${origin}/${name}`,
    // Browsers keep sockets open (idle or preconnected); close() alone would wait for them.
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
