// The app's log: JSON lines in <dataDir>/logs/aide.log, every line passed through redact()
// so no API key can reach the disk even if a caller logs an error that contains one.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from './ports';
import { redact } from './redact';

type Level = 'info' | 'warn' | 'error';

export function createFileLogger(dataDir: string, options: { echo?: boolean } = {}): Logger {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'aide.log');
  const write = (level: Level, message: string, fields?: Record<string, unknown>) => {
    const line = redact(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }));
    try {
      appendFileSync(file, `${line}\n`, { mode: 0o600 });
    } catch {
      // A full disk must not take the app down with it; the echo below still reaches stderr.
    }
    if (options.echo) process.stderr.write(`${line}\n`);
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

/** Turns an unknown thrown value into loggable fields without its (possibly secret-bearing) payloads. */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { error: error.message, name: error.name };
  return { error: String(error) };
}
