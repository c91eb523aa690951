import { decodeJwt, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { Role } from '../../domain/enums.js';
import { unauthenticated } from '../../domain/errors.js';
import type { Viewer } from './viewer.js';

const ISSUER = 'yilian';
const AUDIENCE = 'yilian-api';

/** Signs and verifies access tokens (HS256 JWT) that carry the viewer's role and scope. */
export class TokenService {
  /**
   * Tokens already verified, until they expire: a signature check costs more than the rest of a small
   * request. Tokens cannot be revoked before their expiry, so this changes no answer; bounded in size.
   */
  private readonly verified = new Map<string, { viewer: Viewer; expiresAtMs: number }>();
  private static readonly CACHE_LIMIT = 10_000;

  constructor(
    private readonly key: Uint8Array,
    private readonly ttlSeconds: number,
  ) {}

  async issue(viewer: Viewer, now: Date): Promise<{ token: string; expiresAt: Date }> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresAt = new Date((issuedAt + this.ttlSeconds) * 1000);
    const token = await new SignJWT({
      usr: viewer.username,
      role: viewer.role,
      all: viewer.allianceId,
      ins: viewer.institutionId,
      dep: viewer.departmentId,
      pra: viewer.practitionerId,
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(viewer.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return { token, expiresAt };
  }

  /** The viewer of a valid token; UNAUTHENTICATED for anything else (expired, forged, malformed). */
  async verify(token: string, now: Date): Promise<Viewer> {
    const known = this.verified.get(token);
    if (known && now.getTime() < known.expiresAtMs) return known.viewer;
    const viewer = await this.verifySignature(token, now);
    if (this.verified.size >= TokenService.CACHE_LIMIT)
      this.verified.delete(this.verified.keys().next().value!);
    const { exp } = decodeJwt(token);
    this.verified.set(token, { viewer, expiresAtMs: (exp ?? 0) * 1000 });
    return viewer;
  }

  private async verifySignature(token: string, now: Date): Promise<Viewer> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        currentDate: now,
      });
      const role = payload.role;
      if (
        typeof payload.sub !== 'string' ||
        typeof payload.usr !== 'string' ||
        typeof payload.all !== 'string' ||
        typeof role !== 'string' ||
        !Object.values<string>(Role).includes(role)
      ) {
        throw unauthenticated('the token does not describe a user');
      }
      const optional = (value: unknown) => (typeof value === 'string' ? value : null);
      return {
        userId: payload.sub,
        username: payload.usr,
        role: role as Role,
        allianceId: payload.all,
        institutionId: optional(payload.ins),
        departmentId: optional(payload.dep),
        practitionerId: optional(payload.pra),
      };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired)
        throw unauthenticated('the token has expired; log in again');
      if (error instanceof joseErrors.JOSEError) throw unauthenticated('the token is not valid');
      throw error;
    }
  }
}
