import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * The keys derived from the one master secret (YILIAN_SECRET, or the embedded data folder's own):
 * separate keys per purpose, so no key is ever used for two things.
 */
export interface Keys {
  /** HMAC key for signing access tokens. */
  readonly tokenSigning: Uint8Array;
  /** Keyed hash of a resident ID: stable for matching a patient, useless without the key. */
  hashResidentId(residentId: string): string;
  /** AES-256-GCM encryption of a resident ID, for lawful display only. */
  encryptResidentId(residentId: string): string;
  decryptResidentId(sealed: string): string;
}

function derive(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'yilian', purpose, 32));
}

export function deriveKeys(secret: string): Keys {
  const tokenSigning = new Uint8Array(derive(secret, 'token-signing'));
  const residentHashKey = derive(secret, 'resident-id-hash');
  const residentEncKey = derive(secret, 'resident-id-encryption');
  return {
    tokenSigning,
    hashResidentId: (residentId) => createHmac('sha256', residentHashKey).update(residentId).digest('hex'),
    encryptResidentId(residentId) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', residentEncKey, iv);
      const body = Buffer.concat([cipher.update(residentId, 'utf8'), cipher.final()]);
      return [
        'v1',
        iv.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
        body.toString('base64url'),
      ].join('.');
    },
    decryptResidentId(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || !body) throw new Error('unknown resident ID envelope');
      const decipher = createDecipheriv('aes-256-gcm', residentEncKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}
