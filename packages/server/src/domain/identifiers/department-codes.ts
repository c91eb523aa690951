/**
 * Standard clinical department codes from China's 《医疗机构诊疗科目名录》
 * (卫医发〔1994〕27号, with later additions: 27 疼痛科 in 2007, 28 重症医学科 in 2009).
 *
 * Only codes we are sure of are listed; "其他" (other) catch-all subcodes are omitted.
 */

/** One entry of the catalogue. */
export interface StandardDepartment {
  /** Catalogue code: `NN` for a subject, `NN.NN` for a speciality under it. */
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
}

/** The supported catalogue entries, in catalogue order. */
export const STANDARD_DEPARTMENTS: readonly StandardDepartment[] = Object.freeze(
  (
    [
      ['01', '预防保健科', 'Preventive Health Care'],
      ['02', '全科医疗科', 'General Practice'],
      ['03', '内科', 'Internal Medicine'],
      ['03.01', '呼吸内科专业', 'Respiratory Medicine'],
      ['03.02', '消化内科专业', 'Gastroenterology'],
      ['03.03', '神经内科专业', 'Neurology'],
      ['03.04', '心血管内科专业', 'Cardiology'],
      ['03.05', '血液内科专业', 'Haematology'],
      ['03.06', '肾病学专业', 'Nephrology'],
      ['03.07', '内分泌专业', 'Endocrinology'],
      ['03.08', '免疫学专业', 'Clinical Immunology'],
      ['03.09', '变态反应专业', 'Allergy'],
      ['03.10', '老年病专业', 'Geriatrics'],
      ['04', '外科', 'Surgery'],
      ['04.01', '普通外科专业', 'General Surgery'],
      ['04.02', '神经外科专业', 'Neurosurgery'],
      ['04.03', '骨科专业', 'Orthopaedics'],
      ['04.04', '泌尿外科专业', 'Urology'],
      ['04.05', '胸外科专业', 'Thoracic Surgery'],
      ['04.06', '心脏大血管外科专业', 'Cardiac and Great Vessel Surgery'],
      ['04.07', '烧伤科专业', 'Burns'],
      ['04.08', '整形外科专业', 'Plastic Surgery'],
      ['05', '妇产科', 'Obstetrics & Gynaecology'],
      ['05.01', '妇科专业', 'Gynaecology'],
      ['05.02', '产科专业', 'Obstetrics'],
      ['05.03', '计划生育专业', 'Family Planning'],
      ['05.04', '优生学专业', 'Healthy Birth & Prenatal Genetics'],
      ['05.05', '生殖健康与不孕症专业', 'Reproductive Health & Infertility'],
      ['06', '妇女保健科', "Women's Health Care"],
      ['07', '儿科', 'Paediatrics'],
      ['07.01', '新生儿专业', 'Neonatology'],
      ['08', '小儿外科', 'Paediatric Surgery'],
      ['09', '儿童保健科', "Children's Health Care"],
      ['10', '眼科', 'Ophthalmology'],
      ['11', '耳鼻咽喉科', 'Otorhinolaryngology (ENT)'],
      ['12', '口腔科', 'Stomatology'],
      ['13', '皮肤科', 'Dermatology'],
      ['14', '医疗美容科', 'Medical Cosmetology'],
      ['15', '精神科', 'Psychiatry'],
      ['16', '传染科', 'Infectious Diseases'],
      ['17', '结核病科', 'Tuberculosis'],
      ['18', '地方病科', 'Endemic Diseases'],
      ['19', '肿瘤科', 'Oncology'],
      ['20', '急诊医学科', 'Emergency Medicine'],
      ['21', '康复医学科', 'Rehabilitation Medicine'],
      ['22', '运动医学科', 'Sports Medicine'],
      ['23', '职业病科', 'Occupational Diseases'],
      ['24', '临终关怀科', 'Hospice Care'],
      ['25', '特种医学与军事医学科', 'Special & Military Medicine'],
      ['26', '麻醉科', 'Anaesthesiology'],
      ['27', '疼痛科', 'Pain Medicine'],
      ['28', '重症医学科', 'Critical Care Medicine (ICU)'],
      ['30', '医学检验科', 'Laboratory Medicine'],
      ['31', '病理科', 'Pathology'],
      ['32', '医学影像科', 'Medical Imaging'],
      ['32.01', 'X线诊断专业', 'X-ray Diagnosis'],
      ['32.02', 'CT诊断专业', 'CT Diagnosis'],
      ['32.03', '磁共振成像诊断专业', 'MRI Diagnosis'],
      ['32.04', '核医学专业', 'Nuclear Medicine'],
      ['32.05', '超声诊断专业', 'Ultrasound Diagnosis'],
      ['32.06', '心电诊断专业', 'Electrocardiography'],
      ['32.09', '介入放射学专业', 'Interventional Radiology'],
      ['32.10', '放射治疗专业', 'Radiotherapy'],
      ['50', '中医科', 'Traditional Chinese Medicine'],
      ['51', '民族医学科', 'Ethnic Minority Medicine'],
      ['52', '中西医结合科', 'Integrated Chinese & Western Medicine'],
    ] as const
  ).map(([code, nameZh, nameEn]): StandardDepartment => Object.freeze({ code, nameZh, nameEn })),
);

const BY_CODE: ReadonlyMap<string, StandardDepartment> = new Map(
  STANDARD_DEPARTMENTS.map((d) => [d.code, d]),
);

/** True when `code` (exact form, e.g. `03.04`) is in {@link STANDARD_DEPARTMENTS}. */
export function isStandardDepartmentCode(code: string): boolean {
  return BY_CODE.has(code.trim());
}

/** The catalogue entry for `code`, or undefined when it is not listed. */
export function standardDepartment(code: string): StandardDepartment | undefined {
  return BY_CODE.get(code.trim());
}
