// Sensitive free text kept in records is sealed under a data key of its subject (a member, or a
// case by its code), itself sealed under the master key. Erasure destroys the subject's key, so the
// append-only records keep their ids and every copy of that text becomes unreadable at once.
import { randomBytes } from 'node:crypto';
import type { Tx } from './client.js';
import { Cipher, type Binding } from './cipher.js';

export type SubjectKind = 'member' | 'case';

export interface Subject {
  kind: SubjectKind;
  id: string;
}

const SEPARATOR = '~';
const subjectKeyId = ({ kind, id }: Subject) => `${kind}${SEPARATOR}${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
const wrapBinding = (rowId: string): Binding => ({ table: 'SubjectKey', column: 'keyEnc', rowId });

/** Marks text that was sealed for a subject whose key has since been destroyed. */
export const ERASED = '(erased)';

/** Stored in place of a sealed value that retention removed from a column that cannot be empty. */
export const REMOVED = 'removed';
/** What opening a removed value gives. */
export const REMOVED_TEXT = '(removed)';

const subjectSealed = (value: string) => /^v1\.[^.]*~[^.]*\./.test(value);

export class Vault {
  constructor(private readonly master: Cipher) {}

  /** Seals `text` under the subject's key, creating that key on first use. */
  async seal(tx: Tx, text: string, binding: Binding, subject: Subject): Promise<string> {
    const keyId = subjectKeyId(subject);
    const key = await this.subjectKey(tx, keyId, true);
    if (!key)
      throw new Error(`the data of ${subject.kind} ${keyId} has been erased; nothing more can be stored for it`);
    return new Cipher([{ id: keyId, key }]).seal(text, binding);
  }

  /**
   * Seals text that belongs to several subjects (an owed message carrying a case's details and a
   * member's phone number): one layer per subject, so erasing any one of them makes it unreadable.
   * With no subject it is sealed under the master key.
   */
  async sealLayers(tx: Tx, text: string, binding: Binding, subjects: readonly Subject[]): Promise<string> {
    let sealed = text;
    for (const subject of subjects) sealed = await this.seal(tx, sealed, binding, subject);
    return subjects.length ? sealed : this.master.seal(text, binding);
  }

  /** Opens every layer sealLayers added; ERASED as soon as one subject's key is gone. */
  async openLayers(tx: Tx, sealed: string, binding: Binding): Promise<string> {
    let text = await this.open(tx, sealed, binding);
    while (text !== ERASED && subjectSealed(text)) text = await this.open(tx, text, binding);
    return text;
  }

  /** Opens a sealed value; ERASED when its subject's key was destroyed, REMOVED_TEXT after retention. */
  async open(tx: Tx, sealed: string, binding: Binding): Promise<string> {
    if (sealed === REMOVED) return REMOVED_TEXT;
    const keyId = this.master.keyIdOf(sealed) ?? '';
    if (!keyId.includes(SEPARATOR)) return this.master.open(sealed, binding);
    const key = await this.subjectKey(tx, keyId, false);
    return key ? new Cipher([{ id: keyId, key }]).open(sealed, binding) : ERASED;
  }

  /** Destroys the subject's key: everything sealed for it is unreadable from now on. */
  async erase(tx: Tx, subject: Subject, at: Date): Promise<boolean> {
    const id = subjectKeyId(subject);
    const { count } = await tx.subjectKey.updateMany({
      where: { id, destroyedAt: null },
      data: { keyEnc: null, destroyedAt: at },
    });
    if (count === 0)
      await tx.subjectKey.upsert({ where: { id }, create: { id, keyEnc: null, destroyedAt: at }, update: {} });
    return count > 0;
  }

  private async subjectKey(tx: Tx, id: string, create: boolean): Promise<Buffer | undefined> {
    let row = await tx.subjectKey.findUnique({ where: { id } });
    if (!row && create) {
      const fresh = this.master.seal(randomBytes(32).toString('base64'), wrapBinding(id));
      await tx.$executeRaw`INSERT INTO "SubjectKey" ("id", "keyEnc") VALUES (${id}, ${fresh}) ON CONFLICT DO NOTHING`;
      row = await tx.subjectKey.findUnique({ where: { id } });
    }
    if (!row?.keyEnc) return undefined;
    return Buffer.from(this.master.open(row.keyEnc, wrapBinding(id)), 'base64');
  }
}
