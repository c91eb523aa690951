/**
 * Demo alliance data: 临澜市第一人民医院医疗集团, a fictional tightly integrated urban medical
 * group (城市医疗集团, 紧密型) in the fictional city of 临澜市 (浙江省).
 *
 * Pure typed constants, no database code. The seeder reads these and inserts rows:
 * - one bed row per unit of `DemoBedGroup.count`: `occupied` OCCUPIED, `cleaning` CLEANING,
 *   `closed` CLOSED, the rest AVAILABLE (none HELD: holds are made by live referrals);
 * - resident ID numbers are NOT stored here: the seeder computes the 18-digit GB 11643 number
 *   from `regionCode` + `birthDate` + `sequence` (3 digits, zero padded) + check digit;
 * - `createdHoursAgo` is relative to the moment of seeding.
 *
 * Everything (people, phones, addresses, city) is fictional. Phone numbers use the obviously
 * fake `1xx0000xxxx` / `0580-8800xxxx` patterns.
 */

export type InstitutionKind =
  | 'GENERAL_HOSPITAL'
  | 'SPECIALTY_HOSPITAL'
  | 'TCM_HOSPITAL'
  | 'COMMUNITY_HEALTH_CENTRE'
  | 'TOWNSHIP_HEALTH_CENTRE'
  | 'VILLAGE_CLINIC'
  | 'REHABILITATION_CENTRE'
  | 'NURSING_HOME';
export type InstitutionTier = 'TERTIARY' | 'SECONDARY' | 'PRIMARY';
export type BedKind =
  | 'GENERAL'
  | 'ICU'
  | 'REHABILITATION'
  | 'ELDERLY_CARE'
  | 'PALLIATIVE'
  | 'PAEDIATRIC'
  | 'MATERNITY'
  | 'ISOLATION';
export type KeyGroup =
  | 'ELDERLY'
  | 'CHILD'
  | 'PREGNANT'
  | 'DISABLED'
  | 'HYPERTENSION'
  | 'DIABETES'
  | 'TUBERCULOSIS'
  | 'SEVERE_MENTAL_ILLNESS';
export type ReferralDirection = 'UPWARD' | 'DOWNWARD' | 'LATERAL';
export type ReferralUrgency = 'ROUTINE' | 'URGENT' | 'EMERGENCY';
export type ReferralStatus =
  'SUBMITTED' | 'ACCEPTED' | 'SCHEDULED' | 'ARRIVED' | 'COMPLETED' | 'REJECTED' | 'CANCELLED' | 'EXPIRED';
export type DemoUserRole = 'COORDINATOR' | 'ADMIN' | 'SPECIALIST' | 'REFERRING_DOCTOR';

/** A group of identical beds in one ward. Beds not occupied/cleaning/closed are AVAILABLE. */
export interface DemoBedGroup {
  kind: BedKind;
  count: number;
  occupied: number;
  cleaning?: number;
  closed?: number;
}
/** `code` is unique within its institution, e.g. 'CARD-1'. */
export interface DemoWard {
  code: string;
  name: string;
  beds: DemoBedGroup[];
}
/**
 * `code` is unique alliance-wide, e.g. 'P-CORE-CARD-01'. `username` links a demo login
 * (see DEMO_USERS).
 */
export interface DemoPractitioner {
  code: string;
  name: string;
  title: string;
  username?: string;
}
/** Reserved (ALLIANCE_RESERVED) capacity per working day, kept topped up by the seeder. */
export interface DemoReservedSlots {
  perDay: number;
  minutes: number;
  kind: 'SPECIALIST_CONSULT' | 'IMAGING_EXAM';
}
/** `code` is a standard code of 《医疗机构诊疗科目名录》 (see DEMO_DEPARTMENT_CODES). */
export interface DemoDepartment {
  code: string;
  name: string;
  wards: DemoWard[];
  practitioners: DemoPractitioner[];
  reservedSlots?: DemoReservedSlots;
}
/**
 * Optional fields beyond the seeder's contract:
 * - `grade`: the hospital grade as printed on the sign (e.g. '三级甲等'), display only.
 */
export interface DemoInstitution {
  code: string;
  name: string;
  shortName: string;
  kind: InstitutionKind;
  tier: InstitutionTier;
  role: 'CORE' | 'PARTNER';
  /** The member hospital that manages this one (紧密型: 区院/中医院 托管社区中心、卫生院). */
  parentCode?: string;
  referralOfficePhone: string;
  referralOfficeContact: string;
  address: string;
  departments: DemoDepartment[];
  grade?: string;
}
export interface DemoResident {
  name: string;
  sex: 'M' | 'F';
  /** YYYY-MM-DD */
  birthDate: string;
  /** 6-digit administrative division code of the ID number (real province prefix). */
  regionCode: string;
  /** 0..999, odd = male, even = female (matches `sex`). */
  sequence: number;
  /** 11-digit mainland mobile, fictional. */
  phone: string;
  /** The community / township centre the resident is registered with. */
  institutionCode: string;
  /** Practitioner code of a GP in that centre's 全科医疗科 (signed family doctor). */
  familyDoctorCode?: string;
  keyGroups: KeyGroup[];
  /** Present exactly when a family doctor contract is signed. */
  contractPackage?: 'BASIC' | 'PERSONALISED';
}
export interface DemoReferral {
  code: string;
  /** Index into DEMO_RESIDENTS. */
  residentIndex: number;
  direction: ReferralDirection;
  urgency: ReferralUrgency;
  status: ReferralStatus;
  fromInstitutionCode: string;
  fromPractitionerCode?: string;
  toInstitutionCode: string;
  toDepartmentCode?: string;
  /** ICD-10, e.g. 'I21.9' */
  diagnosisCode: string;
  reason: string;
  clinicalSummary: string;
  createdHoursAgo: number;
  /** Reject / cancel / expiry reason, or the outcome. */
  statusNote?: string;
}
export interface DemoUser {
  username: string;
  displayName: string;
  role: DemoUserRole;
  institutionCode?: string;
  departmentCode?: string;
  practitionerCode?: string;
}
export interface DemoAlliance {
  code: string;
  name: string;
  kind: 'URBAN_MEDICAL_GROUP';
  integration: 'TIGHT';
  region: string;
  coordinationOfficePhone: string;
  /** Optional extras: the core member and the office's named contact. */
  coreInstitutionCode?: string;
  coordinationOfficeContact?: string;
}

/** Reference date for ages and key groups in this data set (ELDERLY = 65+, CHILD = 0–6). */
export const DEMO_REFERENCE_DATE = '2026-11-24';

/** Standard department codes (《医疗机构诊疗科目名录》) used by the demo, with standard names. */
export const DEMO_DEPARTMENT_CODES: Readonly<Record<string, string>> = {
  '02': '全科医疗科',
  '03.01': '呼吸内科',
  '03.03': '神经内科',
  '03.04': '心血管内科',
  '03.07': '内分泌科',
  '03.10': '老年病科',
  '04.01': '普通外科',
  '04.03': '骨科',
  '05.02': '产科',
  '07': '儿科',
  '20': '急诊医学科',
  '21': '康复医学科',
  '28': '重症医学科',
  '32': '医学影像科',
  '50': '中医科',
};

export const DEMO_ALLIANCE = {
  code: 'LL-UMG',
  name: '临澜市第一人民医院医疗集团',
  kind: 'URBAN_MEDICAL_GROUP',
  integration: 'TIGHT',
  region: '浙江省临澜市',
  coordinationOfficePhone: '0580-88001000',
  coreInstitutionCode: 'LL-PH1',
  coordinationOfficeContact: '沈雅琴',
} as const satisfies DemoAlliance;

export const DEMO_INSTITUTIONS: readonly DemoInstitution[] = [
  // ───────────────────────── core: 三级甲等综合医院 ─────────────────────────
  {
    code: 'LL-PH1',
    name: '临澜市第一人民医院',
    shortName: '市一医院',
    kind: 'GENERAL_HOSPITAL',
    tier: 'TERTIARY',
    role: 'CORE',
    grade: '三级甲等',
    referralOfficePhone: '0580-88001001',
    referralOfficeContact: '陈敏',
    address: '浙江省临澜市澜湖区澜江中路188号',
    departments: [
      {
        code: '03.04',
        name: '心血管内科',
        reservedSlots: { perDay: 12, minutes: 20, kind: 'SPECIALIST_CONSULT' },
        wards: [
          {
            code: 'CARD-1',
            name: '心内科一病区',
            beds: [{ kind: 'GENERAL', count: 22, occupied: 18, cleaning: 1 }],
          },
          {
            code: 'CARD-2',
            name: '心内科二病区',
            beds: [{ kind: 'GENERAL', count: 16, occupied: 13, closed: 1 }],
          },
        ],
        practitioners: [
          { code: 'P-CORE-CARD-01', name: '郑国栋', title: '主任医师' },
          { code: 'P-CORE-CARD-02', name: '许文澜', title: '主任医师' },
          { code: 'P-CORE-CARD-03', name: '林志航', title: '副主任医师', username: 'cardio.oncall1' },
          { code: 'P-CORE-CARD-04', name: '何静怡', title: '副主任医师' },
          { code: 'P-CORE-CARD-05', name: '宋子谦', title: '主治医师', username: 'cardio.oncall2' },
          { code: 'P-CORE-CARD-06', name: '欧阳蕾', title: '主治医师', username: 'cardio.oncall3' },
          { code: 'P-CORE-CARD-07', name: '曹明远', title: '主治医师' },
          { code: 'P-CORE-CARD-08', name: '叶佳琪', title: '住院医师' },
          { code: 'P-CORE-CARD-09', name: '潘俊杰', title: '住院医师' },
          { code: 'P-CORE-CARD-10', name: '钟晓彤', title: '住院医师' },
        ],
      },
      {
        code: '03.01',
        name: '呼吸内科',
        reservedSlots: { perDay: 6, minutes: 20, kind: 'SPECIALIST_CONSULT' },
        wards: [
          {
            code: 'RESP-1',
            name: '呼吸内科病区',
            beds: [{ kind: 'GENERAL', count: 24, occupied: 20, cleaning: 1 }],
          },
          {
            code: 'RESP-ISO',
            name: '呼吸内科负压隔离病房',
            beds: [{ kind: 'ISOLATION', count: 4, occupied: 1 }],
          },
        ],
        practitioners: [
          { code: 'P-CORE-RESP-01', name: '马建华', title: '主任医师' },
          { code: 'P-CORE-RESP-02', name: '韩雪梅', title: '副主任医师' },
          { code: 'P-CORE-RESP-03', name: '董浩然', title: '主治医师' },
          { code: 'P-CORE-RESP-04', name: '石佳慧', title: '住院医师' },
        ],
      },
      {
        code: '03.03',
        name: '神经内科',
        reservedSlots: { perDay: 6, minutes: 20, kind: 'SPECIALIST_CONSULT' },
        wards: [
          {
            code: 'NEUR-1',
            name: '神经内科病区（卒中单元）',
            beds: [{ kind: 'GENERAL', count: 24, occupied: 21, cleaning: 1 }],
          },
        ],
        practitioners: [
          { code: 'P-CORE-NEUR-01', name: '唐正清', title: '主任医师' },
          { code: 'P-CORE-NEUR-02', name: '冯晓燕', title: '副主任医师' },
          { code: 'P-CORE-NEUR-03', name: '程立新', title: '主治医师' },
        ],
      },
      {
        code: '03.07',
        name: '内分泌科',
        reservedSlots: { perDay: 8, minutes: 15, kind: 'SPECIALIST_CONSULT' },
        wards: [
          { code: 'ENDO-1', name: '内分泌科病区', beds: [{ kind: 'GENERAL', count: 18, occupied: 14 }] },
        ],
        practitioners: [
          { code: 'P-CORE-ENDO-01', name: '孟庆芳', title: '主任医师' },
          { code: 'P-CORE-ENDO-02', name: '田雨辰', title: '副主任医师' },
          { code: 'P-CORE-ENDO-03', name: '魏晨', title: '主治医师' },
        ],
      },
      {
        code: '03.10',
        name: '老年病科',
        wards: [
          { code: 'GERI-1', name: '老年医学科病区', beds: [{ kind: 'GENERAL', count: 16, occupied: 13 }] },
        ],
        practitioners: [
          { code: 'P-CORE-GERI-01', name: '蒋秀芬', title: '主任医师' },
          { code: 'P-CORE-GERI-02', name: '杜宏伟', title: '主治医师' },
        ],
      },
      {
        code: '04.01',
        name: '普通外科',
        wards: [
          {
            code: 'GS-1',
            name: '普外科病区',
            beds: [{ kind: 'GENERAL', count: 24, occupied: 19, cleaning: 2 }],
          },
        ],
        practitioners: [
          { code: 'P-CORE-GS-01', name: '袁卫东', title: '主任医师' },
          { code: 'P-CORE-GS-02', name: '邱振宇', title: '副主任医师' },
          { code: 'P-CORE-GS-03', name: '范立', title: '主治医师' },
        ],
      },
      {
        code: '04.03',
        name: '骨科',
        reservedSlots: { perDay: 6, minutes: 20, kind: 'SPECIALIST_CONSULT' },
        wards: [
          {
            code: 'ORTH-1',
            name: '骨科病区',
            beds: [{ kind: 'GENERAL', count: 24, occupied: 21, cleaning: 1 }],
          },
        ],
        practitioners: [
          { code: 'P-CORE-ORTH-01', name: '陆海峰', title: '主任医师' },
          { code: 'P-CORE-ORTH-02', name: '贾国强', title: '副主任医师' },
          { code: 'P-CORE-ORTH-03', name: '夏天宇', title: '主治医师' },
        ],
      },
      {
        code: '05.02',
        name: '产科',
        wards: [
          {
            code: 'OB-1',
            name: '产科病区',
            beds: [{ kind: 'MATERNITY', count: 18, occupied: 13, cleaning: 1 }],
          },
        ],
        practitioners: [
          { code: 'P-CORE-OB-01', name: '姜慧敏', title: '主任医师' },
          { code: 'P-CORE-OB-02', name: '白露', title: '副主任医师' },
          { code: 'P-CORE-OB-03', name: '秦悦', title: '主治医师' },
        ],
      },
      {
        code: '07',
        name: '儿科',
        wards: [
          {
            code: 'PED-1',
            name: '儿科病区',
            beds: [
              { kind: 'PAEDIATRIC', count: 20, occupied: 14, cleaning: 1 },
              { kind: 'ISOLATION', count: 2, occupied: 1 },
            ],
          },
        ],
        practitioners: [
          { code: 'P-CORE-PED-01', name: '薛晓梅', title: '主任医师' },
          { code: 'P-CORE-PED-02', name: '汤宇轩', title: '主治医师' },
          { code: 'P-CORE-PED-03', name: '罗欣怡', title: '住院医师' },
        ],
      },
      {
        code: '20',
        name: '急诊医学科',
        wards: [
          {
            code: 'EM-OBS',
            name: '急诊留观病房',
            beds: [{ kind: 'GENERAL', count: 12, occupied: 9, cleaning: 1 }],
          },
        ],
        practitioners: [
          { code: 'P-CORE-EM-01', name: '任志刚', title: '副主任医师' },
          { code: 'P-CORE-EM-02', name: '廖文博', title: '主治医师' },
          { code: 'P-CORE-EM-03', name: '邓思远', title: '住院医师' },
        ],
      },
      {
        code: '21',
        name: '康复医学科',
        wards: [
          {
            code: 'REHAB-1',
            name: '康复医学科病区',
            beds: [{ kind: 'REHABILITATION', count: 16, occupied: 13 }],
          },
        ],
        practitioners: [
          { code: 'P-CORE-REHAB-01', name: '金玉霞', title: '副主任医师' },
          { code: 'P-CORE-REHAB-02', name: '戴维', title: '主治医师' },
        ],
      },
      {
        code: '28',
        name: '重症医学科',
        wards: [
          { code: 'ICU-1', name: '综合ICU', beds: [{ kind: 'ICU', count: 16, occupied: 14, cleaning: 1 }] },
        ],
        practitioners: [
          { code: 'P-CORE-ICU-01', name: '段启明', title: '主任医师' },
          { code: 'P-CORE-ICU-02', name: '侯佳', title: '副主任医师' },
          { code: 'P-CORE-ICU-03', name: '熊彬', title: '主治医师' },
        ],
      },
      {
        code: '02',
        name: '全科医疗科',
        wards: [{ code: 'GP-1', name: '全科医学病区', beds: [{ kind: 'GENERAL', count: 10, occupied: 7 }] }],
        practitioners: [
          { code: 'P-CORE-GP-01', name: '崔丽娟', title: '副主任医师' },
          { code: 'P-CORE-GP-02', name: '谭一鸣', title: '主治医师' },
        ],
      },
      {
        code: '32',
        name: '医学影像科',
        // CT / MRI exam slots reserved for family doctors' patients.
        reservedSlots: { perDay: 10, minutes: 30, kind: 'IMAGING_EXAM' },
        wards: [],
        practitioners: [
          { code: 'P-CORE-IMG-01', name: '黎振华', title: '主任医师' },
          { code: 'P-CORE-IMG-02', name: '傅佳音', title: '副主任医师' },
          { code: 'P-CORE-IMG-03', name: '苏航', title: '主治医师' },
        ],
      },
      {
        code: '50',
        name: '中医科',
        wards: [],
        practitioners: [{ code: 'P-CORE-TCM-01', name: '司马文清', title: '副主任中医师' }],
      },
    ],
  },

  // ───────────────────────── partner hospitals (二级) ─────────────────────────
  {
    code: 'LL-PH2',
    name: '临澜市澜湖区人民医院',
    shortName: '澜湖区人民医院',
    kind: 'GENERAL_HOSPITAL',
    tier: 'SECONDARY',
    role: 'PARTNER',
    grade: '二级甲等',
    referralOfficePhone: '0580-88002001',
    referralOfficeContact: '王佳',
    address: '浙江省临澜市澜湖区望江路56号',
    departments: [
      {
        code: '03.01',
        name: '呼吸内科',
        wards: [
          {
            code: 'RESP-1',
            name: '呼吸内科病区',
            beds: [{ kind: 'GENERAL', count: 16, occupied: 12, cleaning: 1 }],
          },
        ],
        practitioners: [
          { code: 'P-PH2-RESP-01', name: '朱建平', title: '副主任医师' },
          { code: 'P-PH2-RESP-02', name: '黄丽', title: '主治医师' },
        ],
      },
      {
        code: '03.04',
        name: '心血管内科',
        wards: [
          {
            code: 'CARD-1',
            name: '心内科病区',
            beds: [{ kind: 'GENERAL', count: 16, occupied: 13, cleaning: 1 }],
          },
        ],
        practitioners: [
          { code: 'P-PH2-CARD-01', name: '孙伟民', title: '副主任医师' },
          { code: 'P-PH2-CARD-02', name: '周婷', title: '主治医师' },
        ],
      },
      {
        code: '03.07',
        name: '内分泌科',
        wards: [
          { code: 'ENDO-1', name: '内分泌科病区', beds: [{ kind: 'GENERAL', count: 10, occupied: 8 }] },
        ],
        practitioners: [{ code: 'P-PH2-ENDO-01', name: '陈淑贞', title: '主治医师' }],
      },
      {
        code: '04.01',
        name: '普通外科',
        wards: [
          {
            code: 'GS-1',
            name: '普外科病区',
            beds: [{ kind: 'GENERAL', count: 14, occupied: 10, cleaning: 1 }],
          },
        ],
        practitioners: [
          { code: 'P-PH2-GS-01', name: '刘大勇', title: '副主任医师' },
          { code: 'P-PH2-GS-02', name: '赵磊', title: '主治医师' },
        ],
      },
      {
        code: '04.03',
        name: '骨科',
        wards: [{ code: 'ORTH-1', name: '骨科病区', beds: [{ kind: 'GENERAL', count: 14, occupied: 11 }] }],
        practitioners: [
          { code: 'P-PH2-ORTH-01', name: '杨光辉', title: '副主任医师' },
          { code: 'P-PH2-ORTH-02', name: '徐浩', title: '主治医师' },
        ],
      },
      {
        code: '05.02',
        name: '产科',
        wards: [
          {
            code: 'OB-1',
            name: '产科病区',
            beds: [{ kind: 'MATERNITY', count: 10, occupied: 6, closed: 1 }],
          },
        ],
        practitioners: [{ code: 'P-PH2-OB-01', name: '吴美玲', title: '主治医师' }],
      },
      {
        code: '07',
        name: '儿科',
        wards: [{ code: 'PED-1', name: '儿科病区', beds: [{ kind: 'PAEDIATRIC', count: 10, occupied: 6 }] }],
        practitioners: [{ code: 'P-PH2-PED-01', name: '高雅', title: '主治医师' }],
      },
      {
        code: '20',
        name: '急诊医学科',
        wards: [
          {
            code: 'EM-OBS',
            name: '急诊留观室',
            beds: [
              { kind: 'GENERAL', count: 6, occupied: 4 },
              { kind: 'ISOLATION', count: 2, occupied: 0 },
            ],
          },
        ],
        practitioners: [{ code: 'P-PH2-EM-01', name: '郭振', title: '主治医师' }],
      },
      {
        code: '21',
        name: '康复医学科',
        wards: [
          {
            code: 'REHAB-1',
            name: '康复医学科病区',
            beds: [{ kind: 'REHABILITATION', count: 10, occupied: 8 }],
          },
        ],
        practitioners: [{ code: 'P-PH2-REHAB-01', name: '彭晓东', title: '主治医师' }],
      },
      {
        code: '28',
        name: '重症医学科',
        wards: [{ code: 'ICU-1', name: 'ICU', beds: [{ kind: 'ICU', count: 6, occupied: 5 }] }],
        practitioners: [{ code: 'P-PH2-ICU-01', name: '卢建新', title: '副主任医师' }],
      },
    ],
  },
  {
    code: 'LL-TCM',
    name: '临澜市北山区中医院',
    shortName: '北山区中医院',
    kind: 'TCM_HOSPITAL',
    tier: 'SECONDARY',
    role: 'PARTNER',
    grade: '二级甲等',
    referralOfficePhone: '0580-88003001',
    referralOfficeContact: '杭丽君',
    address: '浙江省临澜市北山区北山大道208号',
    departments: [
      {
        code: '50',
        name: '中医科',
        wards: [
          {
            code: 'TCM-1',
            name: '中医内科一病区',
            beds: [{ kind: 'GENERAL', count: 20, occupied: 16, cleaning: 1 }],
          },
          {
            code: 'TCM-2',
            name: '中医内科二病区（脾胃病）',
            beds: [{ kind: 'GENERAL', count: 16, occupied: 12 }],
          },
        ],
        practitioners: [
          { code: 'P-TCM-TCM-01', name: '葛春生', title: '主任中医师' },
          { code: 'P-TCM-TCM-02', name: '上官秋容', title: '副主任中医师' },
          { code: 'P-TCM-TCM-03', name: '闵德仁', title: '主治中医师' },
          { code: 'P-TCM-TCM-04', name: '喻思琪', title: '主治中医师' },
        ],
      },
      {
        code: '21',
        name: '康复医学科',
        wards: [
          {
            code: 'REHAB-1',
            name: '针灸推拿康复病区',
            beds: [{ kind: 'REHABILITATION', count: 16, occupied: 13 }],
          },
        ],
        practitioners: [
          { code: 'P-TCM-REHAB-01', name: '殷建军', title: '副主任中医师' },
          { code: 'P-TCM-REHAB-02', name: '项婷婷', title: '主治中医师' },
        ],
      },
      {
        code: '04.03',
        name: '骨伤科',
        wards: [
          {
            code: 'ORTH-1',
            name: '骨伤科病区',
            beds: [{ kind: 'GENERAL', count: 12, occupied: 9, cleaning: 1 }],
          },
        ],
        practitioners: [
          { code: 'P-TCM-ORTH-01', name: '柏永强', title: '副主任中医师' },
          { code: 'P-TCM-ORTH-02', name: '龚立', title: '主治中医师' },
        ],
      },
    ],
  },
  {
    code: 'LL-REHAB',
    name: '临澜市康复医院',
    shortName: '市康复医院',
    kind: 'REHABILITATION_CENTRE',
    tier: 'SECONDARY',
    role: 'PARTNER',
    grade: '二级',
    referralOfficePhone: '0580-88004001',
    referralOfficeContact: '严丽',
    address: '浙江省临澜市潮音区康宁路20号',
    departments: [
      {
        code: '21',
        name: '康复医学科',
        wards: [
          {
            code: 'NR-1',
            name: '神经康复病区',
            beds: [{ kind: 'REHABILITATION', count: 24, occupied: 20, cleaning: 1 }],
          },
          { code: 'OR-1', name: '骨科康复病区', beds: [{ kind: 'REHABILITATION', count: 20, occupied: 15 }] },
          {
            code: 'CR-1',
            name: '心肺康复病区',
            beds: [{ kind: 'REHABILITATION', count: 10, occupied: 7, closed: 1 }],
          },
        ],
        practitioners: [
          { code: 'P-RH-REHAB-01', name: '方志诚', title: '主任医师' },
          { code: 'P-RH-REHAB-02', name: '祁敏', title: '副主任医师' },
          { code: 'P-RH-REHAB-03', name: '严凯', title: '主治医师' },
          { code: 'P-RH-REHAB-04', name: '齐晓雯', title: '主治医师' },
        ],
      },
      {
        code: '03.10',
        name: '老年病科',
        wards: [
          {
            code: 'GERI-1',
            name: '老年康复护理病区',
            beds: [{ kind: 'ELDERLY_CARE', count: 12, occupied: 10 }],
          },
        ],
        practitioners: [{ code: 'P-RH-GERI-01', name: '童文华', title: '主治医师' }],
      },
    ],
  },
  {
    code: 'LL-NH',
    name: '临澜市颐康护理院',
    shortName: '颐康护理院',
    kind: 'NURSING_HOME',
    tier: 'PRIMARY',
    role: 'PARTNER',
    referralOfficePhone: '0580-88005001',
    referralOfficeContact: '车晓梅',
    address: '浙江省临澜市澜湖区颐和路17号',
    departments: [
      {
        code: '03.10',
        name: '老年病科',
        wards: [
          {
            code: 'LTC-1',
            name: '长期照护区',
            beds: [{ kind: 'ELDERLY_CARE', count: 30, occupied: 26, cleaning: 1, closed: 1 }],
          },
          { code: 'HOS-1', name: '安宁疗护区', beds: [{ kind: 'PALLIATIVE', count: 8, occupied: 6 }] },
        ],
        practitioners: [
          { code: 'P-NH-GERI-01', name: '车玉兰', title: '主治医师' },
          { code: 'P-NH-GERI-02', name: '尹浩', title: '住院医师' },
        ],
      },
      {
        code: '02',
        name: '全科医疗科',
        wards: [],
        practitioners: [{ code: 'P-NH-GP-01', name: '江涛', title: '全科医生' }],
      },
    ],
  },

  // ───────────── community health centres (社区卫生服务中心), PRIMARY ─────────────
  {
    code: 'LL-CHC-WJ',
    name: '临澜市澜湖区望江街道社区卫生服务中心',
    shortName: '望江社区',
    kind: 'COMMUNITY_HEALTH_CENTRE',
    tier: 'PRIMARY',
    role: 'PARTNER',
    parentCode: 'LL-PH2',
    referralOfficePhone: '0580-88006001',
    referralOfficeContact: '倪晓芸',
    address: '浙江省临澜市澜湖区望江街道滨河路101号',
    departments: [
      {
        code: '02',
        name: '全科医疗科',
        wards: [{ code: 'GP-1', name: '全科病房', beds: [{ kind: 'GENERAL', count: 10, occupied: 7 }] }],
        practitioners: [
          { code: 'P-WJ-GP-01', name: '吴丽华', title: '全科医生', username: 'gp.chc1' },
          { code: 'P-WJ-GP-02', name: '胡建军', title: '全科医生' },
          { code: 'P-WJ-GP-03', name: '施晓蓉', title: '全科医生' },
        ],
      },
      {
        code: '21',
        name: '康复医学科',
        wards: [
          {
            code: 'REHAB-1',
            name: '社区康复病房',
            beds: [{ kind: 'REHABILITATION', count: 8, occupied: 6 }],
          },
        ],
        practitioners: [{ code: 'P-WJ-REHAB-01', name: '邵一峰', title: '主治医师' }],
      },
    ],
  },
  {
    code: 'LL-CHC-CN',
    name: '临澜市澜湖区城南街道社区卫生服务中心',
    shortName: '城南社区',
    kind: 'COMMUNITY_HEALTH_CENTRE',
    tier: 'PRIMARY',
    role: 'PARTNER',
    parentCode: 'LL-PH2',
    referralOfficePhone: '0580-88006002',
    referralOfficeContact: '郑雪',
    address: '浙江省临澜市澜湖区城南街道南塘街35号',
    departments: [
      {
        code: '02',
        name: '全科医疗科',
        wards: [
          { code: 'GP-1', name: '全科病房', beds: [{ kind: 'GENERAL', count: 8, occupied: 5, cleaning: 1 }] },
          { code: 'HOS-1', name: '安宁疗护病房', beds: [{ kind: 'PALLIATIVE', count: 4, occupied: 3 }] },
        ],
        practitioners: [
          { code: 'P-CN-GP-01', name: '张晓燕', title: '全科医生', username: 'gp.chc2' },
          { code: 'P-CN-GP-02', name: '李卫国', title: '全科医生' },
          { code: 'P-CN-GP-03', name: '毛佳敏', title: '全科医生' },
        ],
      },
      {
        code: '50',
        name: '中医科',
        wards: [],
        practitioners: [{ code: 'P-CN-TCM-01', name: '褚明德', title: '主治中医师' }],
      },
    ],
  },
  {
    code: 'LL-CHC-DM',
    name: '临澜市潮音区东门街道社区卫生服务中心',
    shortName: '东门社区',
    kind: 'COMMUNITY_HEALTH_CENTRE',
    tier: 'PRIMARY',
    role: 'PARTNER',
    referralOfficePhone: '0580-88006003',
    referralOfficeContact: '柯伟',
    address: '浙江省临澜市潮音区东门街道东升路8号',
    departments: [
      {
        code: '02',
        name: '全科医疗科',
        wards: [
          { code: 'GP-1', name: '全科病房', beds: [{ kind: 'GENERAL', count: 8, occupied: 6 }] },
          { code: 'ELD-1', name: '医养结合病房', beds: [{ kind: 'ELDERLY_CARE', count: 10, occupied: 9 }] },
        ],
        practitioners: [
          { code: 'P-DM-GP-01', name: '王海涛', title: '全科医生' },
          { code: 'P-DM-GP-02', name: '钱秀梅', title: '全科医生' },
          { code: 'P-DM-GP-03', name: '岳宏', title: '全科医生' },
        ],
      },
    ],
  },
  {
    code: 'LL-CHC-JH',
    name: '临澜市澜湖区锦华街道社区卫生服务中心',
    shortName: '锦华社区',
    kind: 'COMMUNITY_HEALTH_CENTRE',
    tier: 'PRIMARY',
    role: 'PARTNER',
    parentCode: 'LL-PH2',
    referralOfficePhone: '0580-88006004',
    referralOfficeContact: '葛颖',
    address: '浙江省临澜市澜湖区锦华街道锦华路66号',
    departments: [
      {
        code: '02',
        name: '全科医疗科',
        wards: [{ code: 'GP-1', name: '全科病房', beds: [{ kind: 'GENERAL', count: 6, occupied: 4 }] }],
        practitioners: [
          { code: 'P-JH-GP-01', name: '邹凯', title: '全科医生' },
          { code: 'P-JH-GP-02', name: '万晓丽', title: '全科医生' },
        ],
      },
      {
        code: '21',
        name: '康复医学科',
        wards: [
          {
            code: 'REHAB-1',
            name: '社区康复病房',
            beds: [{ kind: 'REHABILITATION', count: 6, occupied: 4 }],
          },
        ],
        practitioners: [{ code: 'P-JH-REHAB-01', name: '雷鸣', title: '主治医师' }],
      },
    ],
  },

  // ───────────── township health centres (乡镇卫生院), PRIMARY ─────────────
  {
    code: 'LL-THC-BS',
    name: '临澜市北山区北山镇中心卫生院',
    shortName: '北山镇卫生院',
    kind: 'TOWNSHIP_HEALTH_CENTRE',
    tier: 'PRIMARY',
    role: 'PARTNER',
    parentCode: 'LL-TCM',
    referralOfficePhone: '0580-88007001',
    referralOfficeContact: '蔡丽芬',
    address: '浙江省临澜市北山区北山镇镇府路12号',
    departments: [
      {
        code: '02',
        name: '全科医疗科',
        wards: [
          { code: 'GP-1', name: '住院部', beds: [{ kind: 'GENERAL', count: 16, occupied: 11, cleaning: 1 }] },
          { code: 'ELD-1', name: '医养结合病区', beds: [{ kind: 'ELDERLY_CARE', count: 6, occupied: 5 }] },
        ],
        practitioners: [
          { code: 'P-BS-GP-01', name: '蔡永康', title: '全科医生' },
          { code: 'P-BS-GP-02', name: '谢春花', title: '全科医生' },
          { code: 'P-BS-GP-03', name: '包国庆', title: '全科医生' },
        ],
      },
      {
        code: '21',
        name: '康复医学科',
        wards: [
          { code: 'REHAB-1', name: '康复病区', beds: [{ kind: 'REHABILITATION', count: 6, occupied: 4 }] },
        ],
        practitioners: [{ code: 'P-BS-REHAB-01', name: '洪斌', title: '主治医师' }],
      },
      {
        code: '50',
        name: '中医科',
        wards: [],
        practitioners: [{ code: 'P-BS-TCM-01', name: '章文彬', title: '主治中医师' }],
      },
    ],
  },
  {
    code: 'LL-THC-SQ',
    name: '临澜市北山区石桥镇卫生院',
    shortName: '石桥镇卫生院',
    kind: 'TOWNSHIP_HEALTH_CENTRE',
    tier: 'PRIMARY',
    role: 'PARTNER',
    parentCode: 'LL-TCM',
    referralOfficePhone: '0580-88007002',
    referralOfficeContact: '陶晓军',
    address: '浙江省临澜市北山区石桥镇石桥街3号',
    departments: [
      {
        code: '02',
        name: '全科医疗科',
        wards: [
          { code: 'GP-1', name: '住院部', beds: [{ kind: 'GENERAL', count: 10, occupied: 7 }] },
          { code: 'HOS-1', name: '安宁疗护床位', beds: [{ kind: 'PALLIATIVE', count: 2, occupied: 1 }] },
        ],
        practitioners: [
          { code: 'P-SQ-GP-01', name: '陶红英', title: '全科医生' },
          { code: 'P-SQ-GP-02', name: '戚志强', title: '全科医生' },
        ],
      },
      {
        code: '50',
        name: '中医科',
        wards: [],
        practitioners: [{ code: 'P-SQ-TCM-01', name: '卞玉芳', title: '主治中医师' }],
      },
    ],
  },
  {
    code: 'LL-THC-HT',
    name: '临澜市北山区河塘镇卫生院',
    shortName: '河塘镇卫生院',
    kind: 'TOWNSHIP_HEALTH_CENTRE',
    tier: 'PRIMARY',
    role: 'PARTNER',
    referralOfficePhone: '0580-88007003',
    referralOfficeContact: '易小波',
    address: '浙江省临澜市北山区河塘镇河塘东路27号',
    departments: [
      {
        code: '02',
        name: '全科医疗科',
        wards: [
          { code: 'GP-1', name: '住院部', beds: [{ kind: 'GENERAL', count: 10, occupied: 6, closed: 1 }] },
          { code: 'ELD-1', name: '医养结合病区', beds: [{ kind: 'ELDERLY_CARE', count: 8, occupied: 6 }] },
        ],
        practitioners: [
          { code: 'P-HT-GP-01', name: '易建波', title: '全科医生' },
          { code: 'P-HT-GP-02', name: '郝春燕', title: '全科医生' },
          { code: 'P-HT-GP-03', name: '邬立新', title: '全科医生' },
        ],
      },
    ],
  },
];

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'coordinator', displayName: '沈雅琴', role: 'COORDINATOR' },
  { username: 'admin', displayName: '陆志远', role: 'ADMIN' },
  {
    username: 'cardio.oncall1',
    displayName: '林志航',
    role: 'SPECIALIST',
    institutionCode: 'LL-PH1',
    departmentCode: '03.04',
    practitionerCode: 'P-CORE-CARD-03',
  },
  {
    username: 'cardio.oncall2',
    displayName: '宋子谦',
    role: 'SPECIALIST',
    institutionCode: 'LL-PH1',
    departmentCode: '03.04',
    practitionerCode: 'P-CORE-CARD-05',
  },
  {
    username: 'cardio.oncall3',
    displayName: '欧阳蕾',
    role: 'SPECIALIST',
    institutionCode: 'LL-PH1',
    departmentCode: '03.04',
    practitionerCode: 'P-CORE-CARD-06',
  },
  {
    username: 'gp.chc1',
    displayName: '吴丽华',
    role: 'REFERRING_DOCTOR',
    institutionCode: 'LL-CHC-WJ',
    departmentCode: '02',
    practitionerCode: 'P-WJ-GP-01',
  },
  {
    username: 'gp.chc2',
    displayName: '张晓燕',
    role: 'REFERRING_DOCTOR',
    institutionCode: 'LL-CHC-CN',
    departmentCode: '02',
    practitionerCode: 'P-CN-GP-01',
  },
];

/* Residents: ages are as of DEMO_REFERENCE_DATE (2026-11-24). Local ID region codes:
 * 331202 澜湖区, 331203 潮音区, 331204 北山区 (fictional prefecture 3312 of 浙江 33);
 * a few were born elsewhere (安徽 34, 江西 36, 河南 41, 广西 45, 四川 51). */
export const DEMO_RESIDENTS: readonly DemoResident[] = [
  // 望江社区 LL-CHC-WJ (index 0–10)
  {
    name: '王秀英',
    sex: 'F',
    birthDate: '1948-03-12',
    regionCode: '331202',
    sequence: 102,
    phone: '13900001001',
    institutionCode: 'LL-CHC-WJ',
    familyDoctorCode: 'P-WJ-GP-01',
    keyGroups: ['ELDERLY', 'HYPERTENSION'],
    contractPackage: 'PERSONALISED',
  },
  {
    name: '张建国',
    sex: 'M',
    birthDate: '1952-07-08',
    regionCode: '331202',
    sequence: 311,
    phone: '15800001002',
    institutionCode: 'LL-CHC-WJ',
    familyDoctorCode: 'P-WJ-GP-01',
    keyGroups: ['ELDERLY', 'HYPERTENSION', 'DIABETES'],
    contractPackage: 'PERSONALISED',
  },
  {
    name: '李桂兰',
    sex: 'F',
    birthDate: '1945-11-30',
    regionCode: '331202',
    sequence: 46,
    phone: '13700001003',
    institutionCode: 'LL-CHC-WJ',
    familyDoctorCode: 'P-WJ-GP-02',
    keyGroups: ['ELDERLY'],
    contractPackage: 'BASIC',
  },
  {
    name: '刘福生',
    sex: 'M',
    birthDate: '1958-01-21',
    regionCode: '341122',
    sequence: 35,
    phone: '18600001004',
    institutionCode: 'LL-CHC-WJ',
    familyDoctorCode: 'P-WJ-GP-01',
    keyGroups: ['ELDERLY', 'HYPERTENSION'],
    contractPackage: 'BASIC',
  },
  {
    name: '陈梓涵',
    sex: 'F',
    birthDate: '2022-05-14',
    regionCode: '331202',
    sequence: 208,
    phone: '17700001005',
    institutionCode: 'LL-CHC-WJ',
    familyDoctorCode: 'P-WJ-GP-03',
    keyGroups: ['CHILD'],
    contractPackage: 'BASIC',
  },
  {
    name: '赵强',
    sex: 'M',
    birthDate: '1976-09-03',
    regionCode: '331202',
    sequence: 157,
    phone: '15000001006',
    institutionCode: 'LL-CHC-WJ',
    familyDoctorCode: 'P-WJ-GP-02',
    keyGroups: ['DIABETES'],
    contractPackage: 'BASIC',
  },
  {
    name: '欧阳明辉',
    sex: 'M',
    birthDate: '1961-04-17',
    regionCode: '331202',
    sequence: 73,
    phone: '13500001007',
    institutionCode: 'LL-CHC-WJ',
    familyDoctorCode: 'P-WJ-GP-01',
    keyGroups: ['ELDERLY', 'HYPERTENSION'],
    contractPackage: 'BASIC',
  },
  {
    name: '孙丽',
    sex: 'F',
    birthDate: '1996-02-26',
    regionCode: '331202',
    sequence: 64,
    phone: '18800001008',
    institutionCode: 'LL-CHC-WJ',
    familyDoctorCode: 'P-WJ-GP-03',
    keyGroups: ['PREGNANT'],
    contractPackage: 'BASIC',
  },
  {
    name: '周德明',
    sex: 'M',
    birthDate: '1939-12-05',
    regionCode: '331202',
    sequence: 19,
    phone: '19900001009',
    institutionCode: 'LL-CHC-WJ',
    familyDoctorCode: 'P-WJ-GP-02',
    keyGroups: ['ELDERLY', 'DISABLED'],
    contractPackage: 'PERSONALISED',
  },
  {
    name: '黄晓东',
    sex: 'M',
    birthDate: '1985-06-11',
    regionCode: '362321',
    sequence: 233,
    phone: '13300001010',
    institutionCode: 'LL-CHC-WJ',
    keyGroups: [],
  },
  {
    name: '马淑珍',
    sex: 'F',
    birthDate: '1955-08-19',
    regionCode: '331202',
    sequence: 128,
    phone: '13900001011',
    institutionCode: 'LL-CHC-WJ',
    familyDoctorCode: 'P-WJ-GP-01',
    keyGroups: ['ELDERLY', 'DIABETES'],
    contractPackage: 'BASIC',
  },

  // 城南社区 LL-CHC-CN (index 11–21)
  {
    name: '杨玉梅',
    sex: 'F',
    birthDate: '1950-02-14',
    regionCode: '331202',
    sequence: 86,
    phone: '15800001012',
    institutionCode: 'LL-CHC-CN',
    familyDoctorCode: 'P-CN-GP-01',
    keyGroups: ['ELDERLY', 'HYPERTENSION'],
    contractPackage: 'PERSONALISED',
  },
  {
    name: '徐长林',
    sex: 'M',
    birthDate: '1947-10-02',
    regionCode: '331202',
    sequence: 215,
    phone: '13700001013',
    institutionCode: 'LL-CHC-CN',
    familyDoctorCode: 'P-CN-GP-01',
    keyGroups: ['ELDERLY', 'HYPERTENSION'],
    contractPackage: 'BASIC',
  },
  {
    name: '朱婉清',
    sex: 'F',
    birthDate: '1963-12-28',
    regionCode: '331202',
    sequence: 142,
    phone: '18600001014',
    institutionCode: 'LL-CHC-CN',
    familyDoctorCode: 'P-CN-GP-02',
    keyGroups: ['HYPERTENSION'],
    contractPackage: 'BASIC',
  },
  {
    name: '胡国平',
    sex: 'M',
    birthDate: '1954-05-09',
    regionCode: '331202',
    sequence: 57,
    phone: '17700001015',
    institutionCode: 'LL-CHC-CN',
    familyDoctorCode: 'P-CN-GP-01',
    keyGroups: ['ELDERLY', 'DIABETES'],
    contractPackage: 'BASIC',
  },
  {
    name: '何一诺',
    sex: 'F',
    birthDate: '2021-09-23',
    regionCode: '331202',
    sequence: 310,
    phone: '15000001016',
    institutionCode: 'LL-CHC-CN',
    familyDoctorCode: 'P-CN-GP-03',
    keyGroups: ['CHILD'],
    contractPackage: 'BASIC',
  },
  {
    name: '郭秀兰',
    sex: 'F',
    birthDate: '1942-04-01',
    regionCode: '331202',
    sequence: 24,
    phone: '13500001017',
    institutionCode: 'LL-CHC-CN',
    familyDoctorCode: 'P-CN-GP-02',
    keyGroups: ['ELDERLY'],
    contractPackage: 'PERSONALISED',
  },
  {
    name: '林浩',
    sex: 'M',
    birthDate: '2000-07-15',
    regionCode: '331202',
    sequence: 391,
    phone: '18800001018',
    institutionCode: 'LL-CHC-CN',
    keyGroups: [],
  },
  {
    name: '罗建华',
    sex: 'M',
    birthDate: '1959-03-30',
    regionCode: '331202',
    sequence: 173,
    phone: '19900001019',
    institutionCode: 'LL-CHC-CN',
    familyDoctorCode: 'P-CN-GP-01',
    keyGroups: ['ELDERLY', 'HYPERTENSION'],
    contractPackage: 'BASIC',
  },
  {
    name: '司马云',
    sex: 'F',
    birthDate: '1989-11-11',
    regionCode: '331202',
    sequence: 256,
    phone: '13300001020',
    institutionCode: 'LL-CHC-CN',
    familyDoctorCode: 'P-CN-GP-03',
    keyGroups: ['PREGNANT'],
    contractPackage: 'BASIC',
  },
  {
    name: '高德胜',
    sex: 'M',
    birthDate: '1944-06-06',
    regionCode: '331202',
    sequence: 97,
    phone: '13900001021',
    institutionCode: 'LL-CHC-CN',
    familyDoctorCode: 'P-CN-GP-02',
    keyGroups: ['ELDERLY', 'TUBERCULOSIS'],
    contractPackage: 'BASIC',
  },
  {
    name: '梁美华',
    sex: 'F',
    birthDate: '1968-09-09',
    regionCode: '331202',
    sequence: 330,
    phone: '15800001022',
    institutionCode: 'LL-CHC-CN',
    keyGroups: ['DIABETES'],
  },

  // 东门社区 LL-CHC-DM (index 22–31)
  {
    name: '宋玉珍',
    sex: 'F',
    birthDate: '1946-01-18',
    regionCode: '331203',
    sequence: 48,
    phone: '13700001023',
    institutionCode: 'LL-CHC-DM',
    familyDoctorCode: 'P-DM-GP-01',
    keyGroups: ['ELDERLY', 'HYPERTENSION', 'DIABETES'],
    contractPackage: 'PERSONALISED',
  },
  {
    name: '郑文斌',
    sex: 'M',
    birthDate: '1953-08-25',
    regionCode: '331203',
    sequence: 121,
    phone: '18600001024',
    institutionCode: 'LL-CHC-DM',
    familyDoctorCode: 'P-DM-GP-01',
    keyGroups: ['ELDERLY', 'HYPERTENSION'],
    contractPackage: 'BASIC',
  },
  {
    name: '谢桂芳',
    sex: 'F',
    birthDate: '1949-05-05',
    regionCode: '331203',
    sequence: 66,
    phone: '17700001025',
    institutionCode: 'LL-CHC-DM',
    familyDoctorCode: 'P-DM-GP-02',
    keyGroups: ['ELDERLY'],
    contractPackage: 'BASIC',
  },
  {
    name: '韩立军',
    sex: 'M',
    birthDate: '1970-10-10',
    regionCode: '331203',
    sequence: 239,
    phone: '15000001026',
    institutionCode: 'LL-CHC-DM',
    familyDoctorCode: 'P-DM-GP-02',
    keyGroups: ['HYPERTENSION'],
    contractPackage: 'BASIC',
  },
  {
    name: '唐思远',
    sex: 'M',
    birthDate: '2024-02-29',
    regionCode: '331203',
    sequence: 111,
    phone: '13500001027',
    institutionCode: 'LL-CHC-DM',
    familyDoctorCode: 'P-DM-GP-03',
    keyGroups: ['CHILD'],
    contractPackage: 'BASIC',
  },
  {
    name: '冯春兰',
    sex: 'F',
    birthDate: '1957-12-24',
    regionCode: '331203',
    sequence: 162,
    phone: '18800001028',
    institutionCode: 'LL-CHC-DM',
    familyDoctorCode: 'P-DM-GP-01',
    keyGroups: ['ELDERLY', 'DIABETES'],
    contractPackage: 'BASIC',
  },
  {
    name: '曹振华',
    sex: 'M',
    birthDate: '1938-07-07',
    regionCode: '412723',
    sequence: 15,
    phone: '19900001029',
    institutionCode: 'LL-CHC-DM',
    familyDoctorCode: 'P-DM-GP-02',
    keyGroups: ['ELDERLY', 'DISABLED'],
    contractPackage: 'PERSONALISED',
  },
  {
    name: '彭娜',
    sex: 'F',
    birthDate: '1991-03-03',
    regionCode: '331203',
    sequence: 80,
    phone: '13300001030',
    institutionCode: 'LL-CHC-DM',
    keyGroups: [],
  },
  {
    name: '邓永福',
    sex: 'M',
    birthDate: '1951-11-26',
    regionCode: '331203',
    sequence: 201,
    phone: '13900001031',
    institutionCode: 'LL-CHC-DM',
    familyDoctorCode: 'P-DM-GP-01',
    keyGroups: ['ELDERLY', 'HYPERTENSION'],
    contractPackage: 'BASIC',
  },
  {
    name: '许慧',
    sex: 'F',
    birthDate: '1982-04-14',
    regionCode: '331203',
    sequence: 92,
    phone: '15800001032',
    institutionCode: 'LL-CHC-DM',
    familyDoctorCode: 'P-DM-GP-03',
    keyGroups: ['SEVERE_MENTAL_ILLNESS'],
    contractPackage: 'BASIC',
  },

  // 锦华社区 LL-CHC-JH (index 32–41)
  {
    name: '蒋凤英',
    sex: 'F',
    birthDate: '1947-09-12',
    regionCode: '331202',
    sequence: 104,
    phone: '13700001033',
    institutionCode: 'LL-CHC-JH',
    familyDoctorCode: 'P-JH-GP-01',
    keyGroups: ['ELDERLY', 'HYPERTENSION'],
    contractPackage: 'BASIC',
  },
  {
    name: '沈国庆',
    sex: 'M',
    birthDate: '1949-10-01',
    regionCode: '331202',
    sequence: 171,
    phone: '18600001034',
    institutionCode: 'LL-CHC-JH',
    familyDoctorCode: 'P-JH-GP-01',
    keyGroups: ['ELDERLY'],
    contractPackage: 'BASIC',
  },
  {
    name: '韦小红',
    sex: 'F',
    birthDate: '1972-06-21',
    regionCode: '452123',
    sequence: 58,
    phone: '17700001035',
    institutionCode: 'LL-CHC-JH',
    familyDoctorCode: 'P-JH-GP-02',
    keyGroups: ['DIABETES'],
    contractPackage: 'BASIC',
  },
  {
    name: '吕建明',
    sex: 'M',
    birthDate: '1960-02-08',
    regionCode: '331202',
    sequence: 133,
    phone: '15000001036',
    institutionCode: 'LL-CHC-JH',
    familyDoctorCode: 'P-JH-GP-01',
    keyGroups: ['ELDERLY', 'HYPERTENSION'],
    contractPackage: 'PERSONALISED',
  },
  {
    name: '丁子墨',
    sex: 'M',
    birthDate: '2023-08-08',
    regionCode: '331202',
    sequence: 227,
    phone: '13500001037',
    institutionCode: 'LL-CHC-JH',
    familyDoctorCode: 'P-JH-GP-02',
    keyGroups: ['CHILD'],
    contractPackage: 'BASIC',
  },
  {
    name: '任桂香',
    sex: 'F',
    birthDate: '1943-03-15',
    regionCode: '331202',
    sequence: 22,
    phone: '18800001038',
    institutionCode: 'LL-CHC-JH',
    familyDoctorCode: 'P-JH-GP-02',
    keyGroups: ['ELDERLY'],
    contractPackage: 'PERSONALISED',
  },
  {
    name: '姚俊',
    sex: 'M',
    birthDate: '1993-12-12',
    regionCode: '331202',
    sequence: 349,
    phone: '19900001039',
    institutionCode: 'LL-CHC-JH',
    keyGroups: [],
  },
  {
    name: '卢秀芝',
    sex: 'F',
    birthDate: '1956-07-27',
    regionCode: '331202',
    sequence: 118,
    phone: '13300001040',
    institutionCode: 'LL-CHC-JH',
    familyDoctorCode: 'P-JH-GP-01',
    keyGroups: ['ELDERLY', 'HYPERTENSION', 'DIABETES'],
    contractPackage: 'BASIC',
  },
  {
    name: '钱守义',
    sex: 'M',
    birthDate: '1941-01-09',
    regionCode: '331202',
    sequence: 45,
    phone: '13900001041',
    institutionCode: 'LL-CHC-JH',
    familyDoctorCode: 'P-JH-GP-01',
    keyGroups: ['ELDERLY'],
    contractPackage: 'BASIC',
  },
  {
    name: '戴雨桐',
    sex: 'F',
    birthDate: '2020-12-01',
    regionCode: '331202',
    sequence: 204,
    phone: '15800001042',
    institutionCode: 'LL-CHC-JH',
    familyDoctorCode: 'P-JH-GP-02',
    keyGroups: ['CHILD'],
    contractPackage: 'BASIC',
  },

  // 北山镇卫生院 LL-THC-BS (index 42–52)
  {
    name: '蔡阿根',
    sex: 'M',
    birthDate: '1944-04-22',
    regionCode: '331204',
    sequence: 31,
    phone: '13700001043',
    institutionCode: 'LL-THC-BS',
    familyDoctorCode: 'P-BS-GP-01',
    keyGroups: ['ELDERLY', 'HYPERTENSION'],
    contractPackage: 'BASIC',
  },
  {
    name: '陶金花',
    sex: 'F',
    birthDate: '1950-08-15',
    regionCode: '331204',
    sequence: 62,
    phone: '18600001044',
    institutionCode: 'LL-THC-BS',
    familyDoctorCode: 'P-BS-GP-01',
    keyGroups: ['ELDERLY', 'DIABETES'],
    contractPackage: 'BASIC',
  },
  {
    name: '叶根宝',
    sex: 'M',
    birthDate: '1955-02-02',
    regionCode: '331204',
    sequence: 17,
    phone: '17700001045',
    institutionCode: 'LL-THC-BS',
    familyDoctorCode: 'P-BS-GP-02',
    keyGroups: ['ELDERLY', 'HYPERTENSION'],
    contractPackage: 'BASIC',
  },
  {
    name: '余彩凤',
    sex: 'F',
    birthDate: '1952-10-30',
    regionCode: '331204',
    sequence: 84,
    phone: '15000001046',
    institutionCode: 'LL-THC-BS',
    familyDoctorCode: 'P-BS-GP-02',
    keyGroups: ['ELDERLY'],
    contractPackage: 'BASIC',
  },
  {
    name: '潘建军',
    sex: 'M',
    birthDate: '1967-03-19',
    regionCode: '331204',
    sequence: 113,
    phone: '13500001047',
    institutionCode: 'LL-THC-BS',
    familyDoctorCode: 'P-BS-GP-03',
    keyGroups: ['HYPERTENSION'],
    contractPackage: 'BASIC',
  },
  {
    name: '杜小雨',
    sex: 'F',
    birthDate: '2025-06-18',
    regionCode: '331204',
    sequence: 176,
    phone: '18800001048',
    institutionCode: 'LL-THC-BS',
    familyDoctorCode: 'P-BS-GP-03',
    keyGroups: ['CHILD'],
    contractPackage: 'BASIC',
  },
  {
    name: '金水根',
    sex: 'M',
    birthDate: '1936-12-11',
    regionCode: '331204',
    sequence: 9,
    phone: '19900001049',
    institutionCode: 'LL-THC-BS',
    familyDoctorCode: 'P-BS-GP-01',
    keyGroups: ['ELDERLY', 'DISABLED'],
    contractPackage: 'PERSONALISED',
  },
  {
    name: '方娟',
    sex: 'F',
    birthDate: '1978-05-25',
    regionCode: '331204',
    sequence: 138,
    phone: '13300001050',
    institutionCode: 'LL-THC-BS',
    keyGroups: [],
  },
  {
    name: '程玉林',
    sex: 'M',
    birthDate: '1958-09-14',
    regionCode: '331204',
    sequence: 95,
    phone: '13900001051',
    institutionCode: 'LL-THC-BS',
    familyDoctorCode: 'P-BS-GP-02',
    keyGroups: ['ELDERLY', 'DIABETES'],
    contractPackage: 'BASIC',
  },
  {
    name: '袁丽萍',
    sex: 'F',
    birthDate: '1998-01-07',
    regionCode: '331204',
    sequence: 160,
    phone: '15800001052',
    institutionCode: 'LL-THC-BS',
    familyDoctorCode: 'P-BS-GP-03',
    keyGroups: ['PREGNANT'],
    contractPackage: 'BASIC',
  },
  {
    name: '吴阿三',
    sex: 'M',
    birthDate: '1940-07-29',
    regionCode: '331204',
    sequence: 51,
    phone: '13700001053',
    institutionCode: 'LL-THC-BS',
    familyDoctorCode: 'P-BS-GP-01',
    keyGroups: ['ELDERLY', 'TUBERCULOSIS'],
    contractPackage: 'BASIC',
  },

  // 石桥镇卫生院 LL-THC-SQ (index 53–61)
  {
    name: '戚桂英',
    sex: 'F',
    birthDate: '1946-06-16',
    regionCode: '331204',
    sequence: 270,
    phone: '18600001054',
    institutionCode: 'LL-THC-SQ',
    familyDoctorCode: 'P-SQ-GP-01',
    keyGroups: ['ELDERLY', 'HYPERTENSION'],
    contractPackage: 'BASIC',
  },
  {
    name: '陆长根',
    sex: 'M',
    birthDate: '1948-11-23',
    regionCode: '331204',
    sequence: 213,
    phone: '17700001055',
    institutionCode: 'LL-THC-SQ',
    familyDoctorCode: 'P-SQ-GP-01',
    keyGroups: ['ELDERLY', 'HYPERTENSION', 'DIABETES'],
    contractPackage: 'PERSONALISED',
  },
  {
    name: '卞月娥',
    sex: 'F',
    birthDate: '1953-03-08',
    regionCode: '331204',
    sequence: 242,
    phone: '15000001056',
    institutionCode: 'LL-THC-SQ',
    familyDoctorCode: 'P-SQ-GP-02',
    keyGroups: ['ELDERLY'],
    contractPackage: 'BASIC',
  },
  {
    name: '鲍建新',
    sex: 'M',
    birthDate: '1964-12-20',
    regionCode: '331204',
    sequence: 155,
    phone: '13500001057',
    institutionCode: 'LL-THC-SQ',
    familyDoctorCode: 'P-SQ-GP-02',
    keyGroups: ['HYPERTENSION'],
    contractPackage: 'BASIC',
  },
  {
    name: '范雨涵',
    sex: 'F',
    birthDate: '2021-02-10',
    regionCode: '331204',
    sequence: 288,
    phone: '18800001058',
    institutionCode: 'LL-THC-SQ',
    familyDoctorCode: 'P-SQ-GP-02',
    keyGroups: ['CHILD'],
    contractPackage: 'BASIC',
  },
  {
    name: '邵国良',
    sex: 'M',
    birthDate: '1939-09-09',
    regionCode: '331204',
    sequence: 79,
    phone: '19900001059',
    institutionCode: 'LL-THC-SQ',
    familyDoctorCode: 'P-SQ-GP-01',
    keyGroups: ['ELDERLY'],
    contractPackage: 'PERSONALISED',
  },
  {
    name: '毛小芳',
    sex: 'F',
    birthDate: '1986-10-05',
    regionCode: '511025',
    sequence: 124,
    phone: '13300001060',
    institutionCode: 'LL-THC-SQ',
    keyGroups: [],
  },
  {
    name: '诸葛明',
    sex: 'M',
    birthDate: '1962-05-01',
    regionCode: '331204',
    sequence: 189,
    phone: '13900001061',
    institutionCode: 'LL-THC-SQ',
    familyDoctorCode: 'P-SQ-GP-01',
    keyGroups: ['HYPERTENSION'],
    contractPackage: 'BASIC',
  },
  {
    name: '柳翠芬',
    sex: 'F',
    birthDate: '1950-01-26',
    regionCode: '331204',
    sequence: 266,
    phone: '15800001062',
    institutionCode: 'LL-THC-SQ',
    familyDoctorCode: 'P-SQ-GP-02',
    keyGroups: ['ELDERLY', 'DIABETES'],
    contractPackage: 'BASIC',
  },

  // 河塘镇卫生院 LL-THC-HT (index 62–71)
  {
    name: '易德华',
    sex: 'M',
    birthDate: '1945-02-17',
    regionCode: '331204',
    sequence: 323,
    phone: '13700001063',
    institutionCode: 'LL-THC-HT',
    familyDoctorCode: 'P-HT-GP-01',
    keyGroups: ['ELDERLY', 'HYPERTENSION'],
    contractPackage: 'BASIC',
  },
  {
    name: '郝凤莲',
    sex: 'F',
    birthDate: '1949-07-04',
    regionCode: '331204',
    sequence: 306,
    phone: '18600001064',
    institutionCode: 'LL-THC-HT',
    familyDoctorCode: 'P-HT-GP-01',
    keyGroups: ['ELDERLY'],
    contractPackage: 'BASIC',
  },
  {
    name: '邬根法',
    sex: 'M',
    birthDate: '1951-04-12',
    regionCode: '331204',
    sequence: 301,
    phone: '17700001065',
    institutionCode: 'LL-THC-HT',
    familyDoctorCode: 'P-HT-GP-02',
    keyGroups: ['ELDERLY', 'HYPERTENSION'],
    contractPackage: 'BASIC',
  },
  {
    name: '屠美娟',
    sex: 'F',
    birthDate: '1957-11-25',
    regionCode: '331204',
    sequence: 318,
    phone: '15000001066',
    institutionCode: 'LL-THC-HT',
    familyDoctorCode: 'P-HT-GP-02',
    keyGroups: ['ELDERLY', 'DIABETES'],
    contractPackage: 'BASIC',
  },
  {
    name: '应志华',
    sex: 'M',
    birthDate: '1974-08-30',
    regionCode: '331204',
    sequence: 337,
    phone: '13500001067',
    institutionCode: 'LL-THC-HT',
    familyDoctorCode: 'P-HT-GP-01',
    keyGroups: ['SEVERE_MENTAL_ILLNESS'],
    contractPackage: 'BASIC',
  },
  {
    name: '俞欣然',
    sex: 'F',
    birthDate: '2022-11-24',
    regionCode: '331204',
    sequence: 344,
    phone: '18800001068',
    institutionCode: 'LL-THC-HT',
    familyDoctorCode: 'P-HT-GP-02',
    keyGroups: ['CHILD'],
    contractPackage: 'BASIC',
  },
  {
    name: '孔繁荣',
    sex: 'M',
    birthDate: '1937-03-03',
    regionCode: '331204',
    sequence: 355,
    phone: '19900001069',
    institutionCode: 'LL-THC-HT',
    familyDoctorCode: 'P-HT-GP-01',
    keyGroups: ['ELDERLY', 'DISABLED', 'HYPERTENSION'],
    contractPackage: 'PERSONALISED',
  },
  {
    name: '苗翠兰',
    sex: 'F',
    birthDate: '1954-09-18',
    regionCode: '331204',
    sequence: 362,
    phone: '13300001070',
    institutionCode: 'LL-THC-HT',
    keyGroups: ['ELDERLY'],
  },
  {
    name: '上官宇',
    sex: 'M',
    birthDate: '1990-06-06',
    regionCode: '331204',
    sequence: 371,
    phone: '13900001071',
    institutionCode: 'LL-THC-HT',
    keyGroups: [],
  },
  {
    name: '倪桂珍',
    sex: 'F',
    birthDate: '1944-12-31',
    regionCode: '331204',
    sequence: 378,
    phone: '15800001072',
    institutionCode: 'LL-THC-HT',
    familyDoctorCode: 'P-HT-GP-01',
    keyGroups: ['ELDERLY', 'HYPERTENSION'],
    contractPackage: 'BASIC',
  },
];

export const DEMO_REFERRALS: readonly DemoReferral[] = [
  // ── SUBMITTED: waiting for the receiver ──
  {
    code: 'ZZ-DEMO-0001',
    residentIndex: 1,
    direction: 'UPWARD',
    urgency: 'URGENT',
    status: 'SUBMITTED',
    fromInstitutionCode: 'LL-CHC-WJ',
    fromPractitionerCode: 'P-WJ-GP-01',
    toInstitutionCode: 'LL-PH1',
    toDepartmentCode: '03.04',
    diagnosisCode: 'I20.0',
    reason: '不稳定型心绞痛，申请心内科评估冠脉造影',
    clinicalSummary:
      '男，74岁。高血压、2型糖尿病史10余年。近1周活动后胸闷胸痛发作频繁，每次5–10分钟，含服硝酸甘油可缓解。社区心电图示V4–V6导联ST段压低0.1mV，肌钙蛋白阴性。',
    createdHoursAgo: 1.5,
  },
  {
    code: 'ZZ-DEMO-0002',
    residentIndex: 11,
    direction: 'UPWARD',
    urgency: 'ROUTINE',
    status: 'SUBMITTED',
    fromInstitutionCode: 'LL-CHC-CN',
    fromPractitionerCode: 'P-CN-GP-01',
    toInstitutionCode: 'LL-PH1',
    toDepartmentCode: '03.04',
    diagnosisCode: 'I10',
    reason: '联用三种降压药血压仍控制不佳，排查继发性高血压',
    clinicalSummary:
      '女，76岁。高血压病史15年，现服氨氯地平、缬沙坦、氢氯噻嗪，家庭自测血压波动于160–175/90–100mmHg。血钾3.4mmol/L，肌酐正常。',
    createdHoursAgo: 5,
  },
  {
    code: 'ZZ-DEMO-0003',
    residentIndex: 39,
    direction: 'UPWARD',
    urgency: 'ROUTINE',
    status: 'SUBMITTED',
    fromInstitutionCode: 'LL-CHC-JH',
    fromPractitionerCode: 'P-JH-GP-01',
    toInstitutionCode: 'LL-PH1',
    toDepartmentCode: '03.07',
    diagnosisCode: 'E11.9',
    reason: '口服降糖药血糖控制不达标，评估胰岛素治疗方案',
    clinicalSummary:
      '女，70岁。2型糖尿病8年，二甲双胍联合格列美脲治疗，近3月空腹血糖9–11mmol/L，糖化血红蛋白8.9%。合并高血压。',
    createdHoursAgo: 60,
  },
  {
    code: 'ZZ-DEMO-0004',
    residentIndex: 44,
    direction: 'UPWARD',
    urgency: 'ROUTINE',
    status: 'SUBMITTED',
    fromInstitutionCode: 'LL-THC-BS',
    fromPractitionerCode: 'P-BS-GP-02',
    toInstitutionCode: 'LL-PH1',
    toDepartmentCode: '03.04',
    diagnosisCode: 'I50.9',
    reason: '慢性心力衰竭，活动耐量下降，申请专科调整治疗方案',
    clinicalSummary:
      '男，71岁。高血压性心脏病，近2月爬一层楼即气促，双下肢轻度水肿，NT-proBNP 1860pg/mL。心功能NYHA III级，目前口服呋塞米、螺内酯。',
    createdHoursAgo: 54,
  },
  {
    code: 'ZZ-DEMO-0005',
    residentIndex: 62,
    direction: 'UPWARD',
    urgency: 'EMERGENCY',
    status: 'SUBMITTED',
    fromInstitutionCode: 'LL-THC-HT',
    fromPractitionerCode: 'P-HT-GP-01',
    toInstitutionCode: 'LL-PH1',
    toDepartmentCode: '03.04',
    diagnosisCode: 'I21.9',
    reason: '急性心肌梗死，胸痛中心绿色通道，已呼叫120转运',
    clinicalSummary:
      '男，81岁。持续性胸骨后压榨样疼痛90分钟伴大汗。心电图II、III、aVF导联ST段抬高0.3mV。已嚼服阿司匹林300mg、氯吡格雷300mg，远程心电已传胸痛中心。',
    createdHoursAgo: 0.4,
  },
  {
    code: 'ZZ-DEMO-0006',
    residentIndex: 23,
    direction: 'UPWARD',
    urgency: 'ROUTINE',
    status: 'SUBMITTED',
    fromInstitutionCode: 'LL-CHC-DM',
    fromPractitionerCode: 'P-DM-GP-01',
    toInstitutionCode: 'LL-PH2',
    toDepartmentCode: '04.03',
    diagnosisCode: 'M16.9',
    reason: '右髋疼痛加重，行走受限，申请骨科评估',
    clinicalSummary:
      '男，73岁。右髋关节疼痛2年，近3月加重，行走约300米需休息。X线示右髋关节间隙变窄、骨赘形成。高血压病史，血压控制可。',
    createdHoursAgo: 8,
  },
  {
    code: 'ZZ-DEMO-0007',
    residentIndex: 40,
    direction: 'DOWNWARD',
    urgency: 'ROUTINE',
    status: 'SUBMITTED',
    fromInstitutionCode: 'LL-PH2',
    fromPractitionerCode: 'P-PH2-ORTH-01',
    toInstitutionCode: 'LL-CHC-JH',
    toDepartmentCode: '21',
    diagnosisCode: 'M16.9',
    reason: '髋关节置换术后病情稳定，下转社区康复',
    clinicalSummary:
      '男，85岁。左侧全髋关节置换术后第7天，切口愈合良好，可助行器下行走。需继续下肢功能训练及抗凝管理（利伐沙班至术后35天）。',
    createdHoursAgo: 10,
  },

  // ── ACCEPTED ──
  {
    code: 'ZZ-DEMO-0008',
    residentIndex: 18,
    direction: 'UPWARD',
    urgency: 'ROUTINE',
    status: 'ACCEPTED',
    fromInstitutionCode: 'LL-CHC-CN',
    fromPractitionerCode: 'P-CN-GP-01',
    toInstitutionCode: 'LL-PH1',
    toDepartmentCode: '03.04',
    diagnosisCode: 'I25.1',
    reason: '冠心病稳定型心绞痛，申请评估是否需冠脉CTA或造影',
    clinicalSummary:
      '男，67岁。劳力性胸闷1年，休息可缓解。运动平板试验阳性。规律服用阿司匹林、阿托伐他汀、美托洛尔。',
    createdHoursAgo: 20,
  },
  {
    code: 'ZZ-DEMO-0009',
    residentIndex: 54,
    direction: 'UPWARD',
    urgency: 'URGENT',
    status: 'ACCEPTED',
    fromInstitutionCode: 'LL-THC-SQ',
    fromPractitionerCode: 'P-SQ-GP-01',
    toInstitutionCode: 'LL-PH1',
    toDepartmentCode: '03.03',
    diagnosisCode: 'G45.9',
    reason: '短暂性脑缺血发作，ABCD²评分5分，需尽快完善头颅MRI及血管评估',
    clinicalSummary:
      '男，78岁。今晨突发右手无力伴言语含糊约30分钟后完全缓解。高血压、糖尿病史。查体目前无神经系统阳性体征。',
    createdHoursAgo: 3,
  },
  {
    code: 'ZZ-DEMO-0010',
    residentIndex: 34,
    direction: 'UPWARD',
    urgency: 'ROUTINE',
    status: 'ACCEPTED',
    fromInstitutionCode: 'LL-CHC-JH',
    fromPractitionerCode: 'P-JH-GP-02',
    toInstitutionCode: 'LL-PH2',
    toDepartmentCode: '03.07',
    diagnosisCode: 'E11.9',
    reason: '2型糖尿病血糖波动大，申请内分泌科调整方案',
    clinicalSummary:
      '女，54岁。2型糖尿病5年，口服二甲双胍，近期空腹血糖7–13mmol/L波动，糖化血红蛋白8.1%，无明显并发症。',
    createdHoursAgo: 26,
  },
  {
    code: 'ZZ-DEMO-0011',
    residentIndex: 16,
    direction: 'DOWNWARD',
    urgency: 'ROUTINE',
    status: 'ACCEPTED',
    fromInstitutionCode: 'LL-PH1',
    fromPractitionerCode: 'P-CORE-RESP-02',
    toInstitutionCode: 'LL-CHC-CN',
    toDepartmentCode: '02',
    diagnosisCode: 'C34.9',
    reason: '晚期肺癌，放弃抗肿瘤治疗，下转社区安宁疗护',
    clinicalSummary:
      '女，84岁。右肺腺癌IV期伴骨转移，家属与患者商议后选择舒缓治疗。目前口服羟考酮缓释片控制疼痛，NRS 2–3分，低流量吸氧。',
    createdHoursAgo: 12,
  },

  // ── SCHEDULED: slot or bed booked ──
  {
    code: 'ZZ-DEMO-0012',
    residentIndex: 0,
    direction: 'UPWARD',
    urgency: 'ROUTINE',
    status: 'SCHEDULED',
    fromInstitutionCode: 'LL-CHC-WJ',
    fromPractitionerCode: 'P-WJ-GP-01',
    toInstitutionCode: 'LL-PH1',
    toDepartmentCode: '03.04',
    diagnosisCode: 'I48.9',
    reason: '新发心房颤动，评估抗凝及节律控制策略',
    clinicalSummary:
      '女，78岁。心悸1周，社区心电图示心房颤动，心室率98次/分。CHA₂DS₂-VASc评分4分，HAS-BLED评分2分，尚未抗凝。',
    createdHoursAgo: 30,
  },
  {
    code: 'ZZ-DEMO-0013',
    residentIndex: 3,
    direction: 'UPWARD',
    urgency: 'ROUTINE',
    status: 'SCHEDULED',
    fromInstitutionCode: 'LL-CHC-WJ',
    fromPractitionerCode: 'P-WJ-GP-01',
    toInstitutionCode: 'LL-PH1',
    toDepartmentCode: '32',
    diagnosisCode: 'I25.1',
    reason: '预约冠脉CTA检查（医联体预留号源）',
    clinicalSummary:
      '男，68岁。间断胸闷半年，静息心电图ST-T改变，肾功能正常，无造影剂过敏史。检查结果互认，报告回传社区。',
    createdHoursAgo: 40,
  },
  {
    code: 'ZZ-DEMO-0014',
    residentIndex: 27,
    direction: 'UPWARD',
    urgency: 'ROUTINE',
    status: 'SCHEDULED',
    fromInstitutionCode: 'LL-CHC-DM',
    fromPractitionerCode: 'P-DM-GP-01',
    toInstitutionCode: 'LL-PH1',
    toDepartmentCode: '03.07',
    diagnosisCode: 'E11.4',
    reason: '糖尿病周围神经病变，申请专科评估及治疗',
    clinicalSummary:
      '女，68岁。2型糖尿病12年，双足麻木、针刺样疼痛3月，10g尼龙丝试验双足感觉减退。糖化血红蛋白7.6%。',
    createdHoursAgo: 44,
  },
  {
    code: 'ZZ-DEMO-0015',
    residentIndex: 53,
    direction: 'UPWARD',
    urgency: 'ROUTINE',
    status: 'SCHEDULED',
    fromInstitutionCode: 'LL-THC-SQ',
    fromPractitionerCode: 'P-SQ-GP-01',
    toInstitutionCode: 'LL-TCM',
    toDepartmentCode: '50',
    diagnosisCode: 'G47.0',
    reason: '顽固性失眠，申请中医科调理',
    clinicalSummary:
      '女，80岁。入睡困难、早醒半年，每晚睡眠约3小时，西药催眠效果欠佳且白天头昏。高血压病史，血压控制可。',
    createdHoursAgo: 36,
  },
  {
    code: 'ZZ-DEMO-0016',
    residentIndex: 8,
    direction: 'DOWNWARD',
    urgency: 'ROUTINE',
    status: 'SCHEDULED',
    fromInstitutionCode: 'LL-PH1',
    fromPractitionerCode: 'P-CORE-GERI-01',
    toInstitutionCode: 'LL-NH',
    toDepartmentCode: '03.10',
    diagnosisCode: 'I69.3',
    reason: '脑梗死后遗症，生活不能自理，下转护理院长期照护',
    clinicalSummary:
      '男，86岁。脑梗死后遗症期，左侧肢体偏瘫，Barthel指数25分，留置胃管鼻饲。肺部感染已控制，生命体征平稳。',
    createdHoursAgo: 20,
  },

  // ── ARRIVED ──
  {
    code: 'ZZ-DEMO-0017',
    residentIndex: 22,
    direction: 'UPWARD',
    urgency: 'URGENT',
    status: 'ARRIVED',
    fromInstitutionCode: 'LL-CHC-DM',
    fromPractitionerCode: 'P-DM-GP-01',
    toInstitutionCode: 'LL-PH1',
    toDepartmentCode: '03.04',
    diagnosisCode: 'I50.9',
    reason: '慢性心衰急性加重，夜间阵发性呼吸困难',
    clinicalSummary:
      '女，80岁。慢性心衰3年，近3天夜间不能平卧，双下肢水肿加重，体重增加3kg。血氧饱和度92%（未吸氧）。',
    createdHoursAgo: 30,
  },
  {
    code: 'ZZ-DEMO-0018',
    residentIndex: 42,
    direction: 'UPWARD',
    urgency: 'ROUTINE',
    status: 'ARRIVED',
    fromInstitutionCode: 'LL-THC-BS',
    fromPractitionerCode: 'P-BS-GP-01',
    toInstitutionCode: 'LL-PH1',
    toDepartmentCode: '03.01',
    diagnosisCode: 'J44.1',
    reason: '慢阻肺急性加重，基层治疗3天效果不佳',
    clinicalSummary:
      '男，82岁。慢阻肺10年，咳嗽咳黄痰、气促加重5天，卫生院予抗感染、雾化治疗3天症状改善不明显。血氧饱和度90%。',
    createdHoursAgo: 50,
  },
  {
    code: 'ZZ-DEMO-0019',
    residentIndex: 35,
    direction: 'UPWARD',
    urgency: 'ROUTINE',
    status: 'ARRIVED',
    fromInstitutionCode: 'LL-CHC-JH',
    fromPractitionerCode: 'P-JH-GP-01',
    toInstitutionCode: 'LL-PH1',
    toDepartmentCode: '04.03',
    diagnosisCode: 'M16.9',
    reason: '髋关节骨关节炎，保守治疗无效，评估关节置换',
    clinicalSummary:
      '男，66岁。双髋疼痛3年，左侧为重，已规范口服非甾体抗炎药及康复训练，近期夜间痛明显，影响睡眠。',
    createdHoursAgo: 72,
  },
  {
    code: 'ZZ-DEMO-0020',
    residentIndex: 68,
    direction: 'DOWNWARD',
    urgency: 'ROUTINE',
    status: 'ARRIVED',
    fromInstitutionCode: 'LL-PH1',
    fromPractitionerCode: 'P-CORE-CARD-05',
    toInstitutionCode: 'LL-THC-HT',
    toDepartmentCode: '02',
    diagnosisCode: 'I50.9',
    reason: '心衰已纠正，下转卫生院继续治疗及随访',
    clinicalSummary:
      '男，89岁。慢性心衰急性加重经利尿、扩血管治疗后症状缓解，可平卧，NT-proBNP较入院下降60%。出院带药：呋塞米、螺内酯、沙库巴曲缬沙坦。',
    createdHoursAgo: 48,
  },

  // ── COMPLETED ──
  {
    code: 'ZZ-DEMO-0021',
    residentIndex: 12,
    direction: 'UPWARD',
    urgency: 'EMERGENCY',
    status: 'COMPLETED',
    fromInstitutionCode: 'LL-CHC-CN',
    fromPractitionerCode: 'P-CN-GP-01',
    toInstitutionCode: 'LL-PH1',
    toDepartmentCode: '03.04',
    diagnosisCode: 'I21.9',
    reason: '急性前壁心肌梗死，绿色通道转诊',
    clinicalSummary:
      '男，79岁。突发胸痛1小时，心电图V1–V4导联ST段抬高。社区予阿司匹林、替格瑞洛负荷后由120转运。',
    createdHoursAgo: 260,
    statusNote:
      '急诊冠脉造影示前降支近段闭塞，已行PCI植入支架1枚，D2B时间68分钟。术后第6天出院，已下转城南社区随访。',
  },
  {
    code: 'ZZ-DEMO-0022',
    residentIndex: 12,
    direction: 'DOWNWARD',
    urgency: 'ROUTINE',
    status: 'COMPLETED',
    fromInstitutionCode: 'LL-PH1',
    fromPractitionerCode: 'P-CORE-CARD-03',
    toInstitutionCode: 'LL-CHC-CN',
    toDepartmentCode: '02',
    diagnosisCode: 'I25.1',
    reason: 'PCI术后病情稳定，下转社区进行二级预防及心脏康复',
    clinicalSummary:
      '男，79岁。前降支支架术后，双联抗血小板（阿司匹林+替格瑞洛）12个月，LDL-C目标<1.4mmol/L。术后1、3、6个月心内科复诊。',
    createdHoursAgo: 110,
    statusNote: '社区已接收，家庭医生每周随访，血压、心率达标，已纳入心脏康复计划。',
  },
  {
    code: 'ZZ-DEMO-0023',
    residentIndex: 48,
    direction: 'DOWNWARD',
    urgency: 'ROUTINE',
    status: 'COMPLETED',
    fromInstitutionCode: 'LL-PH1',
    fromPractitionerCode: 'P-CORE-NEUR-02',
    toInstitutionCode: 'LL-REHAB',
    toDepartmentCode: '21',
    diagnosisCode: 'I63.9',
    reason: '脑梗死恢复期，转康复医院系统康复',
    clinicalSummary: '男，89岁。右侧基底节区脑梗死，溶栓后病情稳定，遗留左侧肢体肌力3级，吞咽功能轻度障碍。',
    createdHoursAgo: 300,
    statusNote: '康复医院完成4周神经康复，肌力恢复至4级，可扶拐行走，已返家由北山镇卫生院家庭医生随访。',
  },
  {
    code: 'ZZ-DEMO-0024',
    residentIndex: 37,
    direction: 'LATERAL',
    urgency: 'ROUTINE',
    status: 'COMPLETED',
    fromInstitutionCode: 'LL-PH2',
    fromPractitionerCode: 'P-PH2-ORTH-01',
    toInstitutionCode: 'LL-REHAB',
    toDepartmentCode: '21',
    diagnosisCode: 'S72.0',
    reason: '股骨颈骨折术后，转康复医院骨科康复',
    clinicalSummary:
      '女，83岁。跌倒致右股骨颈骨折，行人工股骨头置换术，术后第5天，切口愈合好，需系统康复训练防跌倒。',
    createdHoursAgo: 360,
    statusNote: '骨科康复3周后可独立使用助行器行走，出院回锦华社区，家庭医生上门随访。',
  },
  {
    code: 'ZZ-DEMO-0025',
    residentIndex: 60,
    direction: 'LATERAL',
    urgency: 'ROUTINE',
    status: 'COMPLETED',
    fromInstitutionCode: 'LL-THC-SQ',
    fromPractitionerCode: 'P-SQ-GP-01',
    toInstitutionCode: 'LL-THC-BS',
    toDepartmentCode: '21',
    diagnosisCode: 'I69.3',
    reason: '脑梗死后遗症，本院无康复病床，转中心卫生院康复病区',
    clinicalSummary: '男，64岁。脑梗死后3月，右侧肢体肌力4-级，步态不稳。高血压病史，血压控制可。',
    createdHoursAgo: 400,
    statusNote: '康复治疗2周，步态明显改善，已返回石桥镇，家庭医生随访。',
  },

  // ── REJECTED ──
  {
    code: 'ZZ-DEMO-0026',
    residentIndex: 5,
    direction: 'UPWARD',
    urgency: 'ROUTINE',
    status: 'REJECTED',
    fromInstitutionCode: 'LL-CHC-WJ',
    fromPractitionerCode: 'P-WJ-GP-02',
    toInstitutionCode: 'LL-PH1',
    toDepartmentCode: '03.07',
    diagnosisCode: 'E11.9',
    reason: '2型糖尿病，申请内分泌科复诊',
    clinicalSummary: '男，50岁。2型糖尿病3年，二甲双胍治疗，糖化血红蛋白6.8%，无并发症表现。',
    createdHoursAgo: 30,
    statusNote:
      '血糖控制达标、无并发症，符合基层首诊管理，建议社区继续管理；如需可预约内分泌科医联体联合门诊。',
  },
  {
    code: 'ZZ-DEMO-0027',
    residentIndex: 46,
    direction: 'UPWARD',
    urgency: 'ROUTINE',
    status: 'REJECTED',
    fromInstitutionCode: 'LL-THC-BS',
    fromPractitionerCode: 'P-BS-GP-03',
    toInstitutionCode: 'LL-PH1',
    toDepartmentCode: '03.04',
    diagnosisCode: 'I10',
    reason: '高血压，申请心内科就诊',
    clinicalSummary: '男，59岁。原发性高血压1级，氨氯地平单药治疗，血压140–145/85–90mmHg，无靶器官损害证据。',
    createdHoursAgo: 70,
    statusNote:
      '原发性高血压1级，无靶器官损害，属基层管理范围；建议加用ACEI/ARB后4周复测，必要时转北山区中医院或区人民医院心内科。',
  },
  {
    code: 'ZZ-DEMO-0028',
    residentIndex: 28,
    direction: 'DOWNWARD',
    urgency: 'ROUTINE',
    status: 'REJECTED',
    fromInstitutionCode: 'LL-PH2',
    fromPractitionerCode: 'P-PH2-RESP-01',
    toInstitutionCode: 'LL-CHC-DM',
    toDepartmentCode: '02',
    diagnosisCode: 'J18.9',
    reason: '肺炎恢复期，下转社区医养结合病房',
    clinicalSummary: '男，88岁。吸入性肺炎抗感染治疗14天，体温正常，仍需持续低流量吸氧及鼻饲，长期卧床。',
    createdHoursAgo: 96,
    statusNote: '中心暂不具备持续氧疗及鼻饲护理条件，建议转颐康护理院。',
  },

  // ── CANCELLED ──
  {
    code: 'ZZ-DEMO-0029',
    residentIndex: 9,
    direction: 'UPWARD',
    urgency: 'ROUTINE',
    status: 'CANCELLED',
    fromInstitutionCode: 'LL-CHC-WJ',
    fromPractitionerCode: 'P-WJ-GP-02',
    toInstitutionCode: 'LL-PH1',
    toDepartmentCode: '03.01',
    diagnosisCode: 'J18.9',
    reason: '社区获得性肺炎，门诊抗感染治疗效果欠佳',
    clinicalSummary: '男，41岁。发热、咳嗽5天，胸片示右下肺斑片影，口服头孢呋辛3天仍发热，最高38.6℃。',
    createdHoursAgo: 100,
    statusNote: '患者已自行前往省城医院就诊，社区取消转诊。',
  },
  {
    code: 'ZZ-DEMO-0030',
    residentIndex: 65,
    direction: 'UPWARD',
    urgency: 'ROUTINE',
    status: 'CANCELLED',
    fromInstitutionCode: 'LL-THC-HT',
    fromPractitionerCode: 'P-HT-GP-02',
    toInstitutionCode: 'LL-TCM',
    toDepartmentCode: '50',
    diagnosisCode: 'E11.9',
    reason: '糖尿病伴乏力、口干，申请中医调理',
    clinicalSummary: '女，68岁。2型糖尿病6年，血糖控制尚可，乏力、口干明显，舌红少苔。',
    createdHoursAgo: 80,
    statusNote: '家中暂无人陪同就诊，患者要求暂缓，待家属返乡后重新预约。',
  },

  // ── EXPIRED: not answered within the deadline ──
  {
    code: 'ZZ-DEMO-0031',
    residentIndex: 30,
    direction: 'UPWARD',
    urgency: 'ROUTINE',
    status: 'EXPIRED',
    fromInstitutionCode: 'LL-CHC-DM',
    fromPractitionerCode: 'P-DM-GP-01',
    toInstitutionCode: 'LL-PH2',
    toDepartmentCode: '03.04',
    diagnosisCode: 'I10',
    reason: '高血压伴头晕，申请心内科调整用药',
    clinicalSummary: '男，74岁。高血压20年，近2周晨起头晕，血压165/95mmHg左右，现服硝苯地平控释片。',
    createdHoursAgo: 200,
    statusNote: '超过受理时限未获响应，系统自动过期；社区已重新联系医联体办公室。',
  },
  {
    code: 'ZZ-DEMO-0032',
    residentIndex: 58,
    direction: 'UPWARD',
    urgency: 'ROUTINE',
    status: 'EXPIRED',
    fromInstitutionCode: 'LL-THC-SQ',
    fromPractitionerCode: 'P-SQ-GP-01',
    toInstitutionCode: 'LL-PH1',
    toDepartmentCode: '04.01',
    diagnosisCode: 'K80.2',
    reason: '胆囊结石反复发作胆绞痛，评估手术',
    clinicalSummary:
      '男，87岁。胆囊结石5年，近半年右上腹绞痛发作3次，B超示胆囊多发结石，最大1.8cm，胆囊壁增厚。',
    createdHoursAgo: 160,
    statusNote: '超过受理时限未获响应，系统自动过期。',
  },
];
