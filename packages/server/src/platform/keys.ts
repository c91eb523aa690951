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
  /** Keyed hash of an API key's secret part: what is stored, so a database copy yields no usable key. */
  hashApiKeySecret(secret: string): Buffer;
  /** HMAC key that chains the audit log: without it, rewritten entries cannot be re-chained. */
  readonly auditChain: Buffer;
}

function derive(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'yilian', purpose, 32));
}

export function deriveKeys(secret: string): Keys {
  const tokenSigning = new Uint8Array(derive(secret, 'token-signing'));
  const residentHashKey = derive(secret, 'resident-id-hash');
  const residentEncKey = derive(secret, 'resident-id-encryption');
  const apiKeyHashKey = derive(secret, 'api-key-hash');
  return {
    tokenSigning,
    auditChain: derive(secret, 'audit-chain'),
    hashApiKeySecret: (apiKeySecret) => createHmac('sha256', apiKeyHashKey).update(apiKeySecret).digest(),
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
