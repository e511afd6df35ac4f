// Where data keys come from: DATA_KEYS, or for the embedded default a key file generated on first
// start. Keys live apart from the database so a copy of the data alone reveals nothing.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config.js';
import type { DataKey } from './cipher.js';

export function parseDataKeys(text: string, source: string): DataKey[] {
  const keys = text
    .split(/[,\n]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [id, encoded] = part.split(':');
      const key = Buffer.from(encoded ?? '', 'base64');
      if (!id || key.length !== 32)
        throw new ConfigError(`Configuration error: ${source} key "${id ?? ''}" must be base64 of 32 bytes.`);
      return { id, key };
    });
  if (keys.length === 0) throw new ConfigError(`Configuration error: ${source} holds no key.`);
  return keys;
}

export interface KeySource {
  keys: DataKey[];
  generatedAt?: string;
}

export function loadDataKeys(options: { dataKeys?: string; databaseUrl?: string; dataDir: string }): KeySource {
  if (options.dataKeys) return { keys: parseDataKeys(options.dataKeys, 'DATA_KEYS') };
  if (options.databaseUrl) {
    throw new ConfigError(
      'Configuration error: DATA_KEYS is required when DATABASE_URL is set (id:base64 of 32 random bytes). See .env.example.',
    );
  }
  const file = path.resolve(options.dataDir, 'keys');
  if (existsSync(file)) return { keys: parseDataKeys(readFileSync(file, 'utf8'), file) };
  mkdirSync(path.dirname(file), { recursive: true });
  const id = `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`;
  writeFileSync(file, `${id}:${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  return { keys: parseDataKeys(readFileSync(file, 'utf8'), file), generatedAt: file };
}
