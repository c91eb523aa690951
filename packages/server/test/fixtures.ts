import { makeResidentId } from '../src/domain/identifiers/resident-id.js';
import type { TestServer } from './harness.js';

/** Well-known places of the demo alliance, as global IDs. */
export interface DemoPlaces {
  coreId: string;
  cardiologyId: string;
  respiratoryId: string;
  chc1Id: string;
  chc2Id: string;
  secondaryId: string;
}

export async function demoPlaces(server: TestServer, token: string): Promise<DemoPlaces> {
  const result = await server.gql<{
    alliances: {
      core: { id: string; departments: { id: string; code: string }[] };
      members: { edges: { node: { id: string; tier: string; kind: string } }[] };
    }[];
    gp1: { institution: { id: string } };
  }>(
    '{ alliances { core { id departments { id code } } members(first: 100) { edges { node { id tier kind } } } } gp1: viewer { institution { id } } }',
    {},
    token,
  );
  const alliance = result.data!.alliances[0]!;
  const gp1 = await server.gql<{ viewer: { institution: { id: string } } }>(
    '{ viewer { institution { id } } }',
    {},
    await server.login('gp.chc1'),
  );
  const gp2 = await server.gql<{ viewer: { institution: { id: string } } }>(
    '{ viewer { institution { id } } }',
    {},
    await server.login('gp.chc2'),
  );
  return {
    coreId: alliance.core.id,
    cardiologyId: alliance.core.departments.find((d) => d.code === '03.04')!.id,
    respiratoryId: alliance.core.departments.find((d) => d.code === '03.01')!.id,
    chc1Id: gp1.data!.viewer.institution.id,
    chc2Id: gp2.data!.viewer.institution.id,
    secondaryId: alliance.members.edges.find(
      (e) => e.node.tier === 'SECONDARY' && e.node.kind === 'GENERAL_HOSPITAL',
    )!.node.id,
  };
}

let sequence = 100;
/** A fictional patient with a valid resident ID; each call a new person. */
export function newPatient(overrides: Partial<{ name: string; sex: 'M' | 'F'; birthDate: string }> = {}) {
  const birthDate = overrides.birthDate ?? '1958-03-14';
  sequence += 2;
  const sex = overrides.sex ?? 'M';
  const seq = sex === 'M' ? sequence + 1 : sequence;
  return {
    name: overrides.name ?? '测试患者',
    residentId: makeResidentId('331202', birthDate, seq % 1000),
    sex,
    birthDate,
    phone: '13800138000',
  };
}

export const CREATE_REFERRAL = `mutation($input: CreateReferralInput!, $key: String) {
  createReferral(input: $input, idempotencyKey: $key) { id code status direction urgency dueBy createdAt diagnosisCode
    patient { id displayName } toInstitution { id } toDepartment { id } slot { id } } }`;

export function upwardInput(places: DemoPlaces, overrides: Record<string, unknown> = {}) {
  return {
    direction: 'UPWARD',
    urgency: 'ROUTINE',
    patient: newPatient(),
    toInstitutionId: places.coreId,
    toDepartmentId: places.cardiologyId,
    diagnosisCode: 'I20.0',
    reason: '不稳定型心绞痛，需上级医院进一步诊治',
    clinicalSummary: '反复胸痛三天',
    ...overrides,
  };
}
