// AES-256-GCM for sensitive free text at rest. Each value names its key and is bound (associated
// data) to its table, column and row, so a ciphertext copied into another row or column fails.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface Binding {
  table: string;
  column: string;
  rowId: string;
}

export interface DataKey {
  id: string;
  key: Buffer;
}

export class CipherError extends Error {}

const VERSION = 'v1';

export class Cipher {
  private readonly keys: Map<string, Buffer>;
  readonly currentKeyId: string;

  constructor(keys: DataKey[]) {
    const first = keys[0];
    if (!first) throw new CipherError('at least one data key is needed');
    for (const { id, key } of keys) {
      if (key.length !== 32) throw new CipherError(`data key ${id} must be 32 bytes (base64 of 32 random bytes)`);
    }
    this.keys = new Map(keys.map(({ id, key }) => [id, key]));
    this.currentKeyId = first.id;
  }

  seal(plaintext: string, binding: Binding): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    cipher.setAAD(associatedData(this.currentKeyId, binding));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return [VERSION, this.currentKeyId, iv.toString('base64url'), body.toString('base64url')].join('.');
  }

  open(sealed: string, binding: Binding): string {
    const [version, keyId, ivText, bodyText, extra] = sealed.split('.');
    if (version !== VERSION || !keyId || !ivText || !bodyText || extra !== undefined)
      throw new CipherError('not a sealed value');
    const key = this.keys.get(keyId);
    if (!key) throw new CipherError(`data key ${keyId} is not configured`);
    const body = Buffer.from(bodyText, 'base64url');
    if (body.length < 16) throw new CipherError('sealed value is truncated');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'));
      decipher.setAAD(associatedData(keyId, binding));
      decipher.setAuthTag(body.subarray(body.length - 16));
      return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
    } catch {
      throw new CipherError(`sealed value does not open for ${binding.table}.${binding.column}`);
    }
  }

  keyIdOf(sealed: string): string | undefined {
    return sealed.split('.')[1];
  }
}

function associatedData(keyId: string, { table, column, rowId }: Binding): Buffer {
  return Buffer.from(`${VERSION}|${keyId}|${table}|${column}|${rowId}`, 'utf8');
}
