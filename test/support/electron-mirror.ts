// Stand-ins for what `npm start` downloads Electron from: a local HTTP "mirror" (and proxy) on
// 127.0.0.1, a zip writer for a fake Electron release, and a throwaway copy of the electron
// package so its installer writes there instead of into node_modules/electron.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, symlink } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const realElectron = join(repoRoot, 'node_modules', 'electron');

export interface LocalServer {
  url: string;
  port: number;
  /** Request lines seen, e.g. "GET /v45.5.0/electron-v45.5.0-linux-x64.zip" or "CONNECT host:80". */
  requests: string[];
  close(): Promise<void>;
}

async function listen(server: Server, requests: string[]): Promise<LocalServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A mirror answering every request with `handler`; `handler` may also never answer. */
export function startMirror(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<LocalServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  return listen(server, requests);
}

/** A proxy that records CONNECT / proxied requests and refuses them all with 502. */
export function startRefusingProxy(): Promise<LocalServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(502).end();
  });
  server.on('connect', (req: IncomingMessage, socket) => {
    requests.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  return listen(server, requests);
}

/** A port on 127.0.0.1 where nothing listens (it was free a moment ago). */
export async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A zip (stored, not deflated) of `files`, with Unix modes so an executable stays executable. */
export function makeZip(files: { name: string; data: Buffer; mode: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name);
    const crc = crc32(file.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(file.data.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the external attributes are a mode
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(file.data.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((0o100000 | file.mode) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, file.data);
    centrals.push(central, name);
    offset += local.length + name.length + file.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * A temp directory laid out like a project: `<dir>/electron` holds copies of the real electron
 * package's package.json, install.js and checksums.json (so the installer downloads into it), and
 * `<dir>/node_modules` links to the real node_modules, where the installer finds @electron/get.
 */
export async function electronPackageCopy(): Promise<{ electronDir: string; cacheDir: string; version: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'aide-electron-pkg-'));
  const electronDir = join(dir, 'electron');
  await mkdir(electronDir);
  for (const file of ['package.json', 'install.js', 'checksums.json']) {
    await copyFile(join(realElectron, file), join(electronDir, file));
  }
  await symlink(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'junction');
  const { version } = JSON.parse(await readFile(join(electronDir, 'package.json'), 'utf8')) as { version: string };
  return { electronDir, cacheDir: join(dir, 'cache'), version };
}
