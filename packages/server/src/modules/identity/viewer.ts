import { Role } from '../../domain/enums.js';

/** Who is calling, as carried in the token: user, role and scope. */
export interface Viewer {
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
  readonly allianceId: string;
  readonly institutionId: string | null;
  readonly departmentId: string | null;
  readonly practitionerId: string | null;
}
