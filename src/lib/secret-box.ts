import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Secrets Tessera must be able to read back (an IMAP password), sealed with AES-256-GCM under a key
 * derived from the server's secret key by HKDF-SHA256. The purpose is both the HKDF info and the
 * additional authenticated data, so a value sealed for one use never opens for another. Form:
 * `v1.<iv>.<tag>.<ciphertext>`, base64url parts.
 */
const VERSION = 'v1';
const SALT = 'tessera secret-box';

function keyFor(secretKey: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secretKey, SALT, `${VERSION} ${purpose}`, 32));
}

/** Seals `plaintext` for `purpose` under a key derived from `secretKey`. */
export function sealSecret(secretKey: string, purpose: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secretKey, purpose), iv);
  cipher.setAAD(Buffer.from(purpose));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
  return [VERSION, ...parts].join('.');
}

/** Opens a sealed secret; null when it was sealed under another key or purpose, or was altered. */
export function openSecret(secretKey: string, purpose: string, sealed: string): string | null {
  const [version, iv, tag, ciphertext, ...rest] = sealed.split('.');
  if (version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined) return null;
  if (rest.length > 0) return null;
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      keyFor(secretKey, purpose),
      Buffer.from(iv, 'base64url'),
    );
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    return null;
  }
}
