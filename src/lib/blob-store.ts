import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { access, mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A content-addressed folder: each blob lives at ab/cd/<sha256>, so identical files are stored once and
 * a blob never changes after it is written. Writes go to a temporary name first and are renamed into
 * place, so a crash never leaves a half-written blob under a real name.
 */
export class BlobStore {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Stores the bytes and returns their SHA-256. */
  async put(data: Buffer): Promise<string> {
    const sha256 = createHash('sha256').update(data).digest('hex');
    const path = this.pathOf(sha256);
    try {
      await access(path);
      return sha256;
    } catch {
      // Not stored yet.
    }
    await mkdir(join(path, '..'), { recursive: true });
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, data, { flush: true });
    await rename(temporary, path);
    return sha256;
  }

  /** A stream of the blob's bytes. */
  open(sha256: string): ReadStream {
    return createReadStream(this.pathOf(sha256));
  }
}
