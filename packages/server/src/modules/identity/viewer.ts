import { Role } from '../../domain/enums.js';
import type { ApiScope } from './api-scopes.js';

/** A partner system's API key, as a request authenticated with it carries it. */
export interface ApiKeyCredential {
  readonly id: string;
  readonly scopes: ReadonlySet<ApiScope>;
  readonly expiresAt: Date;
}

/** Who is calling, as carried in the token: user, role and scope. */
export interface Viewer {
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
  readonly allianceId: string;
  readonly institutionId: string | null;
  readonly departmentId: string | null;
  readonly practitionerId: string | null;
  /** Set when the caller is a partner system with an API key (role PARTNER_APP); absent for a login. */
  readonly apiKey?: ApiKeyCredential;
}
