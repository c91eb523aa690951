import { describe, it, expect } from 'vitest';
import {
  DEMO_ALLIANCE,
  DEMO_DEPARTMENT_CODES,
  DEMO_INSTITUTIONS,
  DEMO_REFERENCE_DATE,
  DEMO_REFERRALS,
  DEMO_RESIDENTS,
  DEMO_USERS,
  type BedKind,
  type DemoDepartment,
  type DemoInstitution,
  type DemoPractitioner,
  type InstitutionTier,
} from './demo-alliance.data.js';

// ───────────────────────── helpers ─────────────────────────

const HAN = /^[\u4e00-\u9fff]+$/;
const LANDLINE = /^0\d{2,3}-\d{7,8}$/;
const MOBILE = /^1[3-9]\d{9}$/;
const ICD10 = /^[A-TV-Z]\d{2}(\.\d{1,2})?$/;
const PROVINCE_PREFIXES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
]);
/** Allowed standard department codes and acceptable (realistic) names for each. */
const DEPARTMENT_NAMES: Record<string, string[]> = {
  '02': ['全科医疗科', '全科医学科'],
  '03.01': ['呼吸内科', '呼吸与危重症医学科'],
  '03.03': ['神经内科'],
  '03.04': ['心血管内科', '心内科'],
  '03.07': ['内分泌科'],
  '03.10': ['老年病科', '老年医学科'],
  '04.01': ['普通外科', '普外科'],
  '04.03': ['骨科', '骨伤科'],
  '05.02': ['产科'],
  '07': ['儿科'],
  '20': ['急诊医学科', '急诊科'],
  '21': ['康复医学科'],
  '28': ['重症医学科'],
  '32': ['医学影像科'],
  '50': ['中医科'],
};
const PRACTITIONER_TITLES = new Set([
  '主任医师',
  '副主任医师',
  '主治医师',
  '住院医师',
  '全科医生',
  '主任中医师',
  '副主任中医师',
  '主治中医师',
]);
const PRIMARY_CENTRE_KINDS = new Set(['COMMUNITY_HEALTH_CENTRE', 'TOWNSHIP_HEALTH_CENTRE']);
const TIER_RANK: Record<InstitutionTier, number> = { PRIMARY: 1, SECONDARY: 2, TERTIARY: 3 };

const byCode = new Map(DEMO_INSTITUTIONS.map((i) => [i.code, i]));
const inst = (code: string): DemoInstitution => {
  const i = byCode.get(code);
  if (!i) throw new Error(`unknown institution ${code}`);
  return i;
};
const dept = (i: DemoInstitution, code: string): DemoDepartment | undefined =>
  i.departments.find((d) => d.code === code);
const core = DEMO_INSTITUTIONS.find((i) => i.role === 'CORE')!;
const allPractitioners: { p: DemoPractitioner; i: DemoInstitution; d: DemoDepartment }[] =
  DEMO_INSTITUTIONS.flatMap((i) => i.departments.flatMap((d) => d.practitioners.map((p) => ({ p, i, d }))));
const practitionerByCode = new Map(allPractitioners.map((x) => [x.p.code, x]));
const primaryCentres = DEMO_INSTITUTIONS.filter((i) => PRIMARY_CENTRE_KINDS.has(i.kind));

function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
function isValidDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
function bedTotals(institutions: readonly DemoInstitution[]) {
  const t = { total: 0, occupied: 0, cleaning: 0, closed: 0, available: 0 };
  for (const i of institutions)
    for (const d of i.departments)
      for (const w of d.wards)
        for (const g of w.beds) {
          t.total += g.count;
          t.occupied += g.occupied;
          t.cleaning += g.cleaning ?? 0;
          t.closed += g.closed ?? 0;
          t.available += g.count - g.occupied - (g.cleaning ?? 0) - (g.closed ?? 0);
        }
  return t;
}
const allBedGroups = DEMO_INSTITUTIONS.flatMap((i) =>
  i.departments.flatMap((d) => d.wards.flatMap((w) => w.beds.map((g) => ({ g, w, d, i })))),
);

// ───────────────────────── alliance ─────────────────────────

describe('demo alliance', () => {
  it('is a tight urban medical group with a coordination office phone', () => {
    expect(DEMO_ALLIANCE.kind).toBe('URBAN_MEDICAL_GROUP');
    expect(DEMO_ALLIANCE.integration).toBe('TIGHT');
    expect(DEMO_ALLIANCE.code).toMatch(/^[A-Z0-9-]+$/);
    expect(DEMO_ALLIANCE.name).toMatch(HAN);
    expect(DEMO_ALLIANCE.region.length).toBeGreaterThan(0);
    expect(DEMO_ALLIANCE.coordinationOfficePhone).toMatch(LANDLINE);
    expect(DEMO_ALLIANCE.coreInstitutionCode).toBe(core.code);
  });
});

// ───────────────────────── members ─────────────────────────

describe('members', () => {
  it('has at least 11 members with unique codes and names', () => {
    expect(DEMO_INSTITUTIONS.length).toBeGreaterThanOrEqual(11);
    expect(new Set(DEMO_INSTITUTIONS.map((i) => i.code)).size).toBe(DEMO_INSTITUTIONS.length);
    expect(new Set(DEMO_INSTITUTIONS.map((i) => i.name)).size).toBe(DEMO_INSTITUTIONS.length);
    expect(new Set(DEMO_INSTITUTIONS.map((i) => i.shortName)).size).toBe(DEMO_INSTITUTIONS.length);
  });

  it('has exactly one CORE member: a tertiary (三级甲等) general hospital', () => {
    const cores = DEMO_INSTITUTIONS.filter((i) => i.role === 'CORE');
    expect(cores).toHaveLength(1);
    expect(core.kind).toBe('GENERAL_HOSPITAL');
    expect(core.tier).toBe('TERTIARY');
    expect(core.grade).toBe('三级甲等');
    expect(core.parentCode).toBeUndefined();
    expect(DEMO_INSTITUTIONS.filter((i) => i.tier === 'TERTIARY')).toHaveLength(1);
  });

  it('has a secondary general hospital and a secondary TCM hospital as partners', () => {
    expect(
      DEMO_INSTITUTIONS.some(
        (i) => i.kind === 'GENERAL_HOSPITAL' && i.tier === 'SECONDARY' && i.role === 'PARTNER',
      ),
    ).toBe(true);
    const tcm = DEMO_INSTITUTIONS.filter((i) => i.kind === 'TCM_HOSPITAL');
    expect(tcm.length).toBeGreaterThanOrEqual(1);
    for (const t of tcm) {
      expect(t.tier).toBe('SECONDARY');
      expect(t.name).toContain('中医院');
    }
  });

  it('has at least 6 primary community / township health centres, both kinds, correctly named', () => {
    expect(primaryCentres.length).toBeGreaterThanOrEqual(6);
    expect(primaryCentres.some((i) => i.kind === 'COMMUNITY_HEALTH_CENTRE')).toBe(true);
    expect(primaryCentres.some((i) => i.kind === 'TOWNSHIP_HEALTH_CENTRE')).toBe(true);
    for (const c of primaryCentres) {
      expect(c.tier).toBe('PRIMARY');
      expect(c.role).toBe('PARTNER');
      if (c.kind === 'COMMUNITY_HEALTH_CENTRE') expect(c.name).toMatch(/社区卫生服务中心$/);
      else expect(c.name).toMatch(/卫生院$/);
    }
  });

  it('has a rehabilitation centre and/or a nursing home', () => {
    const rehab = DEMO_INSTITUTIONS.filter((i) => i.kind === 'REHABILITATION_CENTRE');
    const nursing = DEMO_INSTITUTIONS.filter((i) => i.kind === 'NURSING_HOME');
    expect(rehab.length + nursing.length).toBeGreaterThanOrEqual(1);
    for (const r of rehab) expect(r.name).toMatch(/康复(医院|中心)/);
    for (const n of nursing) expect(n.name).toContain('护理院');
  });

  it('some primary members are managed by a partner hospital (parentCode)', () => {
    const managed = primaryCentres.filter((i) => i.parentCode);
    expect(managed.length).toBeGreaterThanOrEqual(2);
    for (const i of DEMO_INSTITUTIONS.filter((x) => x.parentCode)) {
      const parent = inst(i.parentCode!);
      expect(parent.code).not.toBe(i.code);
      expect(parent.role).toBe('PARTNER');
      expect(TIER_RANK[parent.tier]).toBeGreaterThan(TIER_RANK[i.tier]);
      expect(['GENERAL_HOSPITAL', 'TCM_HOSPITAL']).toContain(parent.kind);
    }
  });

  it('every member has a referral office with a named contact, a landline and an address', () => {
    const phones = new Set<string>();
    for (const i of DEMO_INSTITUTIONS) {
      expect(i.referralOfficePhone).toMatch(LANDLINE);
      phones.add(i.referralOfficePhone);
      expect(i.referralOfficeContact).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
      expect(i.address).toMatch(/^浙江省临澜市/);
      expect(i.name).toMatch(HAN);
      expect(i.departments.length).toBeGreaterThanOrEqual(1);
    }
    expect(phones.size).toBe(DEMO_INSTITUTIONS.length);
    expect(phones.has(DEMO_ALLIANCE.coordinationOfficePhone)).toBe(false);
  });
});

// ───────────────────────── departments ─────────────────────────

describe('departments', () => {
  it('use standard codes with realistic names, unique within each institution', () => {
    for (const i of DEMO_INSTITUTIONS) {
      const codes = i.departments.map((d) => d.code);
      expect(new Set(codes).size, i.code).toBe(codes.length);
      for (const d of i.departments) {
        expect(Object.keys(DEPARTMENT_NAMES), `${i.code} ${d.code}`).toContain(d.code);
        expect(DEPARTMENT_NAMES[d.code], `${i.code} ${d.code}`).toContain(d.name);
        expect(DEMO_DEPARTMENT_CODES[d.code], d.code).toBeDefined();
      }
    }
  });

  it('DEMO_DEPARTMENT_CODES carries the standard names', () => {
    for (const [code, name] of Object.entries(DEMO_DEPARTMENT_CODES)) {
      expect(DEPARTMENT_NAMES[code], code).toContain(name);
    }
  });

  it('the core hospital has the full set of clinical departments', () => {
    const required = [
      '03.04',
      '03.01',
      '03.03',
      '03.07',
      '04.03',
      '04.01',
      '07',
      '05.02',
      '21',
      '28',
      '20',
      '02',
      '32',
    ];
    for (const code of required) expect(dept(core, code), code).toBeDefined();
  });

  it('community / township centres have 全科医疗科 and only primary-care bed kinds', () => {
    const allowed: BedKind[] = ['GENERAL', 'REHABILITATION', 'ELDERLY_CARE', 'PALLIATIVE'];
    for (const c of primaryCentres) {
      const gp = dept(c, '02');
      expect(gp, c.code).toBeDefined();
      expect(gp!.name).toMatch(/全科/);
      expect(gp!.practitioners.length).toBeGreaterThanOrEqual(2);
      for (const d of c.departments) {
        expect(['02', '21', '50'], `${c.code} ${d.code}`).toContain(d.code);
        for (const w of d.wards) for (const g of w.beds) expect(allowed).toContain(g.kind);
      }
      const beds = bedTotals([c]).total;
      expect(beds, c.code).toBeGreaterThan(0);
      expect(beds, c.code).toBeLessThanOrEqual(40);
    }
    expect(primaryCentres.some((c) => dept(c, '21'))).toBe(true);
    expect(primaryCentres.some((c) => dept(c, '50'))).toBe(true);
  });

  it('reserved slots: core cardiology 12×20 min consults, other core departments and CT/MRI exams', () => {
    expect(dept(core, '03.04')!.reservedSlots).toEqual({
      perDay: 12,
      minutes: 20,
      kind: 'SPECIALIST_CONSULT',
    });
    for (const code of ['03.01', '03.03', '03.07', '04.03']) {
      const rs = dept(core, code)!.reservedSlots;
      expect(rs, code).toBeDefined();
      expect(rs!.kind).toBe('SPECIALIST_CONSULT');
    }
    const img = dept(core, '32')!;
    expect(img.reservedSlots?.kind).toBe('IMAGING_EXAM');
    expect(img.wards).toHaveLength(0);
    for (const i of DEMO_INSTITUTIONS)
      for (const d of i.departments) {
        if (!d.reservedSlots) continue;
        expect(d.reservedSlots.perDay).toBeGreaterThan(0);
        expect(d.reservedSlots.perDay).toBeLessThanOrEqual(24);
        expect([10, 15, 20, 30]).toContain(d.reservedSlots.minutes);
        expect(d.reservedSlots.kind === 'IMAGING_EXAM').toBe(d.code === '32');
      }
  });
});

// ───────────────────────── beds ─────────────────────────

describe('beds', () => {
  const totals = bedTotals(DEMO_INSTITUTIONS);

  it('has at least 320 beds alliance-wide with consistent group counts', () => {
    expect(totals.total).toBeGreaterThanOrEqual(320);
    for (const { g, w, i } of allBedGroups) {
      const where = `${i.code}/${w.code}/${g.kind}`;
      for (const n of [g.count, g.occupied, g.cleaning ?? 0, g.closed ?? 0]) {
        expect(Number.isInteger(n), where).toBe(true);
        expect(n, where).toBeGreaterThanOrEqual(0);
      }
      expect(g.count, where).toBeGreaterThan(0);
      expect(g.occupied + (g.cleaning ?? 0) + (g.closed ?? 0), where).toBeLessThanOrEqual(g.count);
    }
  });

  it('ward codes are unique within each institution, and bed kinds unique within a ward', () => {
    for (const i of DEMO_INSTITUTIONS) {
      const codes = i.departments.flatMap((d) => d.wards.map((w) => w.code));
      expect(new Set(codes).size, i.code).toBe(codes.length);
      for (const d of i.departments)
        for (const w of d.wards) {
          expect(w.code).toMatch(/^[A-Z]+(-[A-Z0-9]+)*$/);
          expect(w.name.length).toBeGreaterThan(0);
          expect(new Set(w.beds.map((b) => b.kind)).size).toBe(w.beds.length);
          expect(w.beds.length).toBeGreaterThan(0);
        }
    }
  });

  it('bed kinds sit in realistic departments and institutions', () => {
    for (const { g, d, i } of allBedGroups) {
      const where = `${i.code}/${d.code}/${g.kind}`;
      if (g.kind === 'ICU') expect(d.code, where).toBe('28');
      if (g.kind === 'PAEDIATRIC') expect(d.code, where).toBe('07');
      if (g.kind === 'MATERNITY') expect(d.code, where).toBe('05.02');
      if (g.kind === 'REHABILITATION') expect(d.code, where).toBe('21');
      if (g.kind === 'ELDERLY_CARE' || g.kind === 'PALLIATIVE')
        expect(
          ['COMMUNITY_HEALTH_CENTRE', 'TOWNSHIP_HEALTH_CENTRE', 'NURSING_HOME', 'REHABILITATION_CENTRE'],
          where,
        ).toContain(i.kind);
      if (g.kind === 'ISOLATION') expect(i.tier, where).not.toBe('PRIMARY');
    }
    const sumKind = (k: BedKind) =>
      allBedGroups.filter((x) => x.g.kind === k).reduce((s, x) => s + x.g.count, 0);
    for (const k of [
      'GENERAL',
      'ICU',
      'REHABILITATION',
      'ELDERLY_CARE',
      'PALLIATIVE',
      'PAEDIATRIC',
      'MATERNITY',
      'ISOLATION',
    ] as const)
      expect(sumKind(k), k).toBeGreaterThan(0);
    expect(sumKind('ISOLATION')).toBeLessThanOrEqual(12);
    // every 重症医学科 has ICU beds, every 儿科 paediatric beds, every 产科 maternity beds
    for (const i of DEMO_INSTITUTIONS)
      for (const d of i.departments) {
        const kinds = d.wards.flatMap((w) => w.beds.map((b) => b.kind));
        if (d.code === '28') expect(kinds).toContain('ICU');
        if (d.code === '07') expect(kinds).toContain('PAEDIATRIC');
        if (d.code === '05.02') expect(kinds).toContain('MATERNITY');
      }
  });

  it('has a realistic mix of states: ~75–85% occupied, some cleaning, a few closed, enough available', () => {
    const occ = totals.occupied / totals.total;
    expect(occ).toBeGreaterThanOrEqual(0.75);
    expect(occ).toBeLessThanOrEqual(0.85);
    expect(totals.cleaning).toBeGreaterThan(0);
    expect(totals.cleaning / totals.total).toBeLessThanOrEqual(0.05);
    expect(totals.closed).toBeGreaterThan(0);
    expect(totals.closed / totals.total).toBeLessThanOrEqual(0.03);
    expect(totals.available / totals.total).toBeGreaterThanOrEqual(0.1);
    // no institution is completely full, and no group is fully empty
    for (const i of DEMO_INSTITUTIONS) {
      const t = bedTotals([i]);
      if (t.total > 0) expect(t.available, i.code).toBeGreaterThan(0);
    }
    for (const { g } of allBedGroups) if (g.count >= 4) expect(g.occupied).toBeGreaterThan(0);
  });

  it('core cardiology has at least 30 beds, at least 4 available', () => {
    const t = bedTotals([{ ...core, departments: [dept(core, '03.04')!] }]);
    expect(t.total).toBeGreaterThanOrEqual(30);
    expect(t.available).toBeGreaterThanOrEqual(4);
  });
});

// ───────────────────────── practitioners ─────────────────────────

describe('practitioners', () => {
  it('codes are unique alliance-wide, names unique, titles realistic', () => {
    const codes = allPractitioners.map((x) => x.p.code);
    expect(new Set(codes).size).toBe(codes.length);
    const names = allPractitioners.map((x) => x.p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const { p } of allPractitioners) {
      expect(p.code).toMatch(/^P-[A-Z0-9]+-[A-Z]+-\d{2}$/);
      expect(p.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
      expect(PRACTITIONER_TITLES, p.code).toContain(p.title);
    }
    const usernames = allPractitioners.flatMap((x) => (x.p.username ? [x.p.username] : []));
    expect(new Set(usernames).size).toBe(usernames.length);
    expect(usernames.sort()).toEqual([
      'cardio.oncall1',
      'cardio.oncall2',
      'cardio.oncall3',
      'gp.chc1',
      'gp.chc2',
    ]);
  });

  it('core cardiology has at least 8 practitioners incl. exactly the three on-call specialists', () => {
    const card = dept(core, '03.04')!;
    expect(card.practitioners.length).toBeGreaterThanOrEqual(8);
    const oncall = card.practitioners.filter((p) => p.username);
    expect(oncall.map((p) => p.username).sort()).toEqual([
      'cardio.oncall1',
      'cardio.oncall2',
      'cardio.oncall3',
    ]);
    expect(card.practitioners.some((p) => p.title === '主任医师')).toBe(true);
    for (const p of oncall) expect(['副主任医师', '主治医师']).toContain(p.title);
  });

  it('gp.chc1 and gp.chc2 are GPs at two different community health centres', () => {
    const find = (u: string) => allPractitioners.find((x) => x.p.username === u)!;
    const a = find('gp.chc1');
    const b = find('gp.chc2');
    for (const x of [a, b]) {
      expect(x.i.kind).toBe('COMMUNITY_HEALTH_CENTRE');
      expect(x.d.code).toBe('02');
      expect(x.p.title).toBe('全科医生');
    }
    expect(a.i.code).not.toBe(b.i.code);
  });

  it('every department with beds or reserved slots has practitioners; GPs sit in 全科医疗科', () => {
    for (const i of DEMO_INSTITUTIONS)
      for (const d of i.departments) expect(d.practitioners.length, `${i.code} ${d.code}`).toBeGreaterThan(0);
    for (const { p, d } of allPractitioners) if (p.title === '全科医生') expect(d.code).toBe('02');
    for (const { p, i } of allPractitioners)
      if (p.title.includes('中医师'))
        expect(['50', '21', '04.03']).toContain(i.departments.find((d) => d.practitioners.includes(p))!.code);
  });
});

// ───────────────────────── users ─────────────────────────

describe('demo users', () => {
  it('are exactly the 7 documented accounts with the right roles', () => {
    expect(DEMO_USERS.map((u) => u.username).sort()).toEqual([
      'admin',
      'cardio.oncall1',
      'cardio.oncall2',
      'cardio.oncall3',
      'coordinator',
      'gp.chc1',
      'gp.chc2',
    ]);
    const role = (u: string) => DEMO_USERS.find((x) => x.username === u)!.role;
    expect(role('coordinator')).toBe('COORDINATOR');
    expect(role('admin')).toBe('ADMIN');
    for (const u of ['cardio.oncall1', 'cardio.oncall2', 'cardio.oncall3'])
      expect(role(u)).toBe('SPECIALIST');
    for (const u of ['gp.chc1', 'gp.chc2']) expect(role(u)).toBe('REFERRING_DOCTOR');
  });

  it('coordinator and admin belong to no institution; everyone has a Chinese display name', () => {
    for (const u of DEMO_USERS) expect(u.displayName).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
    expect(new Set(DEMO_USERS.map((u) => u.displayName)).size).toBe(DEMO_USERS.length);
    for (const u of DEMO_USERS.filter((x) => x.role === 'COORDINATOR' || x.role === 'ADMIN')) {
      expect(u.institutionCode).toBeUndefined();
      expect(u.departmentCode).toBeUndefined();
      expect(u.practitionerCode).toBeUndefined();
    }
    expect(DEMO_USERS.find((u) => u.role === 'COORDINATOR')!.displayName).toBe(
      DEMO_ALLIANCE.coordinationOfficeContact,
    );
  });

  it('specialists and referring doctors are linked to their practitioner, department and institution', () => {
    for (const u of DEMO_USERS.filter((x) => x.role === 'SPECIALIST' || x.role === 'REFERRING_DOCTOR')) {
      const x = practitionerByCode.get(u.practitionerCode!);
      expect(x, u.username).toBeDefined();
      expect(x!.i.code).toBe(u.institutionCode);
      expect(x!.d.code).toBe(u.departmentCode);
      expect(x!.p.username).toBe(u.username);
      expect(x!.p.name).toBe(u.displayName);
      if (u.role === 'SPECIALIST') {
        expect(u.institutionCode).toBe(core.code);
        expect(u.departmentCode).toBe('03.04');
      } else {
        expect(inst(u.institutionCode!).kind).toBe('COMMUNITY_HEALTH_CENTRE');
        expect(u.departmentCode).toBe('02');
      }
    }
  });
});

// ───────────────────────── residents ─────────────────────────

describe('residents', () => {
  const ages = DEMO_RESIDENTS.map((r) => ageOn(r.birthDate, DEMO_REFERENCE_DATE));

  it('at least 60, registered with community / township centres (each centre has some)', () => {
    expect(DEMO_RESIDENTS.length).toBeGreaterThanOrEqual(60);
    for (const r of DEMO_RESIDENTS)
      expect(PRIMARY_CENTRE_KINDS.has(inst(r.institutionCode).kind), r.name).toBe(true);
    for (const c of primaryCentres)
      expect(
        DEMO_RESIDENTS.filter((r) => r.institutionCode === c.code).length,
        c.code,
      ).toBeGreaterThanOrEqual(5);
  });

  it('have realistic Chinese names: 2 and 3 characters, a few compound surnames', () => {
    const names = DEMO_RESIDENTS.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
    expect(names.filter((n) => n.length === 2).length).toBeGreaterThanOrEqual(5);
    expect(names.filter((n) => n.length === 3).length).toBeGreaterThanOrEqual(30);
    const compound = names.filter((n) => /^(欧阳|司马|诸葛|上官|司徒|东方|皇甫|慕容)/.test(n));
    expect(compound.length).toBeGreaterThanOrEqual(2);
    expect(compound.length).toBeLessThanOrEqual(8);
    // resident names do not collide with practitioners
    const staff = new Set(allPractitioners.map((x) => x.p.name));
    for (const n of names) expect(staff.has(n), n).toBe(false);
  });

  it('have valid birth dates and an age mix leaning elderly', () => {
    for (const r of DEMO_RESIDENTS) {
      expect(isValidDate(r.birthDate), r.birthDate).toBe(true);
      expect(r.birthDate < DEMO_REFERENCE_DATE || r.birthDate === DEMO_REFERENCE_DATE).toBe(true);
    }
    const elderly = ages.filter((a) => a >= 65).length;
    const children = ages.filter((a) => a <= 6).length;
    expect(elderly / ages.length).toBeGreaterThanOrEqual(0.4);
    expect(elderly / ages.length).toBeLessThanOrEqual(0.7);
    expect(children).toBeGreaterThanOrEqual(4);
    expect(ages.filter((a) => a >= 18 && a < 65).length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...ages)).toBeLessThanOrEqual(100);
  });

  it('key groups are consistent with age and sex', () => {
    DEMO_RESIDENTS.forEach((r, idx) => {
      const age = ages[idx]!;
      const g = r.keyGroups;
      expect(new Set(g).size, r.name).toBe(g.length);
      expect(g.includes('ELDERLY'), `${r.name} ${age}`).toBe(age >= 65);
      expect(g.includes('CHILD'), `${r.name} ${age}`).toBe(age <= 6);
      if (g.includes('PREGNANT')) {
        expect(r.sex).toBe('F');
        expect(age).toBeGreaterThanOrEqual(18);
        expect(age).toBeLessThanOrEqual(45);
      }
      if (age <= 6) expect(g).toEqual(['CHILD']);
    });
    for (const k of [
      'ELDERLY',
      'CHILD',
      'PREGNANT',
      'DISABLED',
      'HYPERTENSION',
      'DIABETES',
      'TUBERCULOSIS',
      'SEVERE_MENTAL_ILLNESS',
    ] as const)
      expect(
        DEMO_RESIDENTS.some((r) => r.keyGroups.includes(k)),
        k,
      ).toBe(true);
  });

  it('ID number inputs: region code with a real province prefix, sequence parity matches sex, unique', () => {
    const keys = new Set<string>();
    for (const r of DEMO_RESIDENTS) {
      expect(r.regionCode).toMatch(/^\d{6}$/);
      expect(PROVINCE_PREFIXES.has(r.regionCode.slice(0, 2)), r.regionCode).toBe(true);
      expect(r.regionCode.slice(2, 4)).not.toBe('00');
      expect(Number.isInteger(r.sequence)).toBe(true);
      expect(r.sequence).toBeGreaterThanOrEqual(0);
      expect(r.sequence).toBeLessThanOrEqual(999);
      expect(r.sequence % 2 === 1 ? 'M' : 'F', r.name).toBe(r.sex);
      keys.add(`${r.regionCode}|${r.birthDate}|${r.sequence}`);
    }
    expect(keys.size).toBe(DEMO_RESIDENTS.length);
    expect(DEMO_RESIDENTS.filter((r) => r.sex === 'M').length).toBeGreaterThanOrEqual(20);
    expect(DEMO_RESIDENTS.filter((r) => r.sex === 'F').length).toBeGreaterThanOrEqual(20);
  });

  it('phones are valid, unique, obviously fictional mainland mobiles', () => {
    const phones = DEMO_RESIDENTS.map((r) => r.phone);
    expect(new Set(phones).size).toBe(phones.length);
    for (const p of phones) {
      expect(p).toMatch(MOBILE);
      expect(p.slice(3, 7)).toBe('0000');
    }
  });

  it('≥70% have a family doctor from their own centre’s 全科医疗科; contract iff family doctor', () => {
    const withDoctor = DEMO_RESIDENTS.filter((r) => r.familyDoctorCode);
    expect(withDoctor.length / DEMO_RESIDENTS.length).toBeGreaterThanOrEqual(0.7);
    for (const r of DEMO_RESIDENTS) {
      expect(Boolean(r.contractPackage), r.name).toBe(Boolean(r.familyDoctorCode));
      if (!r.familyDoctorCode) continue;
      const x = practitionerByCode.get(r.familyDoctorCode);
      expect(x, r.familyDoctorCode).toBeDefined();
      expect(x!.i.code, r.name).toBe(r.institutionCode);
      expect(x!.d.code, r.name).toBe('02');
    }
    expect(DEMO_RESIDENTS.some((r) => r.contractPackage === 'PERSONALISED')).toBe(true);
    expect(DEMO_RESIDENTS.some((r) => r.contractPackage === 'BASIC')).toBe(true);
    // key groups are signed first: coverage among key groups ≥ coverage overall
    const key = DEMO_RESIDENTS.filter((r) => r.keyGroups.length > 0);
    const keyCovered = key.filter((r) => r.familyDoctorCode).length / key.length;
    expect(keyCovered).toBeGreaterThanOrEqual(withDoctor.length / DEMO_RESIDENTS.length);
    // both demo GPs have signed residents
    for (const u of ['gp.chc1', 'gp.chc2']) {
      const code = allPractitioners.find((x) => x.p.username === u)!.p.code;
      expect(DEMO_RESIDENTS.filter((r) => r.familyDoctorCode === code).length, u).toBeGreaterThanOrEqual(3);
    }
  });
});

// ───────────────────────── referrals ─────────────────────────

describe('referrals', () => {
  const STATUSES = [
    'SUBMITTED',
    'ACCEPTED',
    'SCHEDULED',
    'ARRIVED',
    'COMPLETED',
    'REJECTED',
    'CANCELLED',
    'EXPIRED',
  ] as const;

  it('at least 24, unique codes, every status at least twice', () => {
    expect(DEMO_REFERRALS.length).toBeGreaterThanOrEqual(24);
    expect(new Set(DEMO_REFERRALS.map((r) => r.code)).size).toBe(DEMO_REFERRALS.length);
    for (const r of DEMO_REFERRALS) expect(r.code).toMatch(/^[A-Z]+-[A-Z]+-\d{4}$/);
    for (const s of STATUSES)
      expect(DEMO_REFERRALS.filter((r) => r.status === s).length, s).toBeGreaterThanOrEqual(2);
  });

  it('every referenced code exists', () => {
    for (const r of DEMO_REFERRALS) {
      expect(Number.isInteger(r.residentIndex)).toBe(true);
      expect(DEMO_RESIDENTS[r.residentIndex], r.code).toBeDefined();
      const from = inst(r.fromInstitutionCode);
      const to = inst(r.toInstitutionCode);
      expect(from.code).not.toBe(to.code);
      if (r.toDepartmentCode) expect(dept(to, r.toDepartmentCode), r.code).toBeDefined();
      if (r.fromPractitionerCode) {
        const x = practitionerByCode.get(r.fromPractitionerCode);
        expect(x, r.code).toBeDefined();
        expect(x!.i.code, r.code).toBe(from.code);
      }
    }
    expect(DEMO_REFERRALS.every((r) => r.toDepartmentCode && r.fromPractitionerCode)).toBe(true);
  });

  it('direction matches tiers', () => {
    for (const r of DEMO_REFERRALS) {
      const f = TIER_RANK[inst(r.fromInstitutionCode).tier];
      const t = TIER_RANK[inst(r.toInstitutionCode).tier];
      if (r.direction === 'UPWARD') expect(t, r.code).toBeGreaterThan(f);
      if (r.direction === 'DOWNWARD') expect(t, r.code).toBeLessThan(f);
      if (r.direction === 'LATERAL') expect(t, r.code).toBe(f);
    }
  });

  it('the resident’s centre is the sender (UPWARD / primary LATERAL) or the receiver (DOWNWARD to a centre)', () => {
    for (const r of DEMO_REFERRALS) {
      const res = DEMO_RESIDENTS[r.residentIndex]!;
      const from = inst(r.fromInstitutionCode);
      const to = inst(r.toInstitutionCode);
      if (r.direction !== 'DOWNWARD' && PRIMARY_CENTRE_KINDS.has(from.kind))
        expect(res.institutionCode, r.code).toBe(from.code);
      if (r.direction === 'DOWNWARD' && PRIMARY_CENTRE_KINDS.has(to.kind))
        expect(res.institutionCode, r.code).toBe(to.code);
    }
  });

  it('direction mix: mostly UPWARD to the core (many to cardiology), some DOWNWARD, a couple LATERAL', () => {
    const up = DEMO_REFERRALS.filter((r) => r.direction === 'UPWARD');
    const down = DEMO_REFERRALS.filter((r) => r.direction === 'DOWNWARD');
    const lateral = DEMO_REFERRALS.filter((r) => r.direction === 'LATERAL');
    expect(up.length / DEMO_REFERRALS.length).toBeGreaterThan(0.5);
    for (const r of up) expect(PRIMARY_CENTRE_KINDS.has(inst(r.fromInstitutionCode).kind), r.code).toBe(true);
    const upToCore = up.filter((r) => r.toInstitutionCode === core.code);
    expect(upToCore.length / up.length).toBeGreaterThan(0.5);
    expect(upToCore.filter((r) => r.toDepartmentCode === '03.04').length).toBeGreaterThanOrEqual(6);
    expect(
      up.some(
        (r) =>
          inst(r.toInstitutionCode).kind === 'GENERAL_HOSPITAL' &&
          inst(r.toInstitutionCode).tier === 'SECONDARY',
      ),
    ).toBe(true);
    expect(up.some((r) => inst(r.toInstitutionCode).kind === 'TCM_HOSPITAL')).toBe(true);
    expect(down.length).toBeGreaterThanOrEqual(4);
    for (const r of down) {
      expect(['TERTIARY', 'SECONDARY']).toContain(inst(r.fromInstitutionCode).tier);
      expect([
        'COMMUNITY_HEALTH_CENTRE',
        'TOWNSHIP_HEALTH_CENTRE',
        'REHABILITATION_CENTRE',
        'NURSING_HOME',
      ]).toContain(inst(r.toInstitutionCode).kind);
    }
    expect(down.some((r) => inst(r.fromInstitutionCode).tier === 'TERTIARY')).toBe(true);
    expect(down.some((r) => inst(r.fromInstitutionCode).tier === 'SECONDARY')).toBe(true);
    expect(down.some((r) => inst(r.toInstitutionCode).kind === 'REHABILITATION_CENTRE')).toBe(true);
    expect(down.some((r) => inst(r.toInstitutionCode).kind === 'NURSING_HOME')).toBe(true);
    expect(lateral.length).toBeGreaterThanOrEqual(2);
  });

  it('all three urgencies appear; EMERGENCY / URGENT are few', () => {
    for (const u of ['ROUTINE', 'URGENT', 'EMERGENCY'] as const)
      expect(
        DEMO_REFERRALS.some((r) => r.urgency === u),
        u,
      ).toBe(true);
    const hot = DEMO_REFERRALS.filter((r) => r.urgency !== 'ROUTINE');
    expect(hot.length / DEMO_REFERRALS.length).toBeLessThanOrEqual(0.25);
    expect(DEMO_REFERRALS.filter((r) => r.urgency === 'EMERGENCY').length).toBeLessThanOrEqual(3);
    for (const r of hot) expect(r.direction, r.code).toBe('UPWARD');
  });

  it('diagnoses are realistic ICD-10 codes; reasons and summaries are Chinese text', () => {
    for (const r of DEMO_REFERRALS) {
      expect(r.diagnosisCode, r.code).toMatch(ICD10);
      expect(r.reason.length).toBeGreaterThanOrEqual(6);
      expect(r.clinicalSummary.length).toBeGreaterThanOrEqual(30);
      expect(/[\u4e00-\u9fff]/.test(r.reason) && /[\u4e00-\u9fff]/.test(r.clinicalSummary)).toBe(true);
    }
    const codes = new Set(DEMO_REFERRALS.map((r) => r.diagnosisCode));
    for (const c of [
      'I21.9',
      'I20.0',
      'I10',
      'I50.9',
      'I63.9',
      'E11.9',
      'J44.1',
      'J18.9',
      'M16.9',
      'S72.0',
      'C34.9',
      'K80.2',
    ])
      expect(codes.has(c), c).toBe(true);
    expect(codes.size).toBeGreaterThanOrEqual(12);
  });

  it('clinical summaries state the patient’s sex and age consistently', () => {
    for (const r of DEMO_REFERRALS) {
      const res = DEMO_RESIDENTS[r.residentIndex]!;
      const m = /^([男女])，(\d+)岁/.exec(r.clinicalSummary);
      expect(m, r.code).not.toBeNull();
      expect(m![1], r.code).toBe(res.sex === 'M' ? '男' : '女');
      const age = ageOn(res.birthDate, DEMO_REFERENCE_DATE);
      expect(Math.abs(Number(m![2]) - age), r.code).toBeLessThanOrEqual(1);
    }
  });

  it('timing: SUBMITTED recent (one or two overdue ROUTINE), EXPIRED old, closed ones carry a note', () => {
    for (const r of DEMO_REFERRALS) {
      expect(r.createdHoursAgo, r.code).toBeGreaterThan(0);
      expect(r.createdHoursAgo, r.code).toBeLessThanOrEqual(24 * 30);
    }
    const submitted = DEMO_REFERRALS.filter((r) => r.status === 'SUBMITTED');
    for (const r of submitted) {
      expect(r.createdHoursAgo, r.code).toBeLessThanOrEqual(72);
      if (r.urgency !== 'ROUTINE') expect(r.createdHoursAgo, r.code).toBeLessThan(4);
      expect(r.statusNote).toBeUndefined();
    }
    const overdue = submitted.filter((r) => r.urgency === 'ROUTINE' && r.createdHoursAgo > 48);
    expect(overdue.length).toBeGreaterThanOrEqual(1);
    expect(overdue.length).toBeLessThanOrEqual(2);
    expect(submitted.filter((r) => r.createdHoursAgo <= 24).length).toBeGreaterThanOrEqual(3);
    for (const r of DEMO_REFERRALS.filter((x) => x.status === 'EXPIRED')) {
      expect(r.urgency).toBe('ROUTINE');
      expect(r.createdHoursAgo).toBeGreaterThan(48);
    }
    for (const r of DEMO_REFERRALS.filter((x) =>
      ['REJECTED', 'CANCELLED', 'EXPIRED', 'COMPLETED'].includes(x.status),
    ))
      expect(r.statusNote?.length ?? 0, r.code).toBeGreaterThanOrEqual(8);
    for (const r of DEMO_REFERRALS.filter((x) => x.status === 'COMPLETED'))
      expect(r.createdHoursAgo, r.code).toBeGreaterThan(72);
  });

  it('a resident never has two open referrals at once', () => {
    const open = new Set(['SUBMITTED', 'ACCEPTED', 'SCHEDULED', 'ARRIVED']);
    const seen = new Set<number>();
    for (const r of DEMO_REFERRALS.filter((x) => open.has(x.status))) {
      expect(seen.has(r.residentIndex), r.code).toBe(false);
      seen.add(r.residentIndex);
    }
  });
});
