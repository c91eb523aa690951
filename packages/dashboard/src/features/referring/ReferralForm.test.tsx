import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { I18nProvider, type Lang } from '../../i18n';
import { cannedSlot } from '../../test-support/canned';
import { ReferralForm } from './ReferralForm';
import { emptyForm, type FieldErrors } from './referral-form';

const targets = [
  {
    id: 'H1',
    name: '临澜市第一人民医院',
    departments: [
      { id: 'D-CARD', name: '心血管内科' },
      { id: 'D-RESP', name: '呼吸内科' },
    ],
  },
];

function render(
  errors: FieldErrors,
  options: { lang?: Lang; slots?: boolean; slotGone?: boolean } = {},
): string {
  const values = { ...emptyForm('H1'), toDepartmentId: 'D-CARD', residentId: '331202196207099776' };
  return renderToStaticMarkup(
    <I18nProvider initialLang={options.lang ?? 'zh-CN'}>
      <ReferralForm
        values={values}
        errors={errors}
        formError={null}
        targets={targets}
        slots={
          options.slots ? [cannedSlot('S-1', '2099-01-01T08:30:00+08:00', { practitioner: '郑国栋' })] : null
        }
        submitting={false}
        onChange={() => {}}
        onSubmit={() => {}}
      />
    </I18nProvider>,
  );
}

/** The whole opening tag of the element with this id. */
const tagWithId = (html: string, id: string) =>
  new RegExp(`<[a-z]+ [^>]*id="${id}"[^>]*>`).exec(html)?.[0] ?? '';

describe('ReferralForm', () => {
  it('labels every field and marks the required ones', () => {
    const html = render({});
    for (const [id, label] of [
      ['referral-name', '姓名'],
      ['referral-residentId', '居民身份证号'],
      ['referral-birthDate', '出生日期'],
      ['referral-toInstitutionId', '接收单位'],
      ['referral-diagnosisCode', '初步诊断（ICD-10 编码）'],
      ['referral-reason', '转诊原因'],
    ] as const)
      expect(html).toMatch(
        new RegExp(`<label class="field__label" for="${id}">${label.replace(/[()（）]/g, '.')}`),
      );
    expect(tagWithId(html, 'referral-residentId')).toContain('aria-required="true"');
    expect(tagWithId(html, 'referral-phone')).not.toContain('aria-required');
    expect(html).not.toContain('field__error');
  });

  it('shows the server’s refusal at its field, tied to it for assistive technology', () => {
    const html = render({
      residentId: {
        kind: 'server',
        detail: 'resident ID is not valid: resident ID check digit does not match',
      },
      reason: { kind: 'required' },
    });
    const input = tagWithId(html, 'referral-residentId');
    expect(input).toContain('aria-invalid="true"');
    expect(input).toContain('aria-describedby="referral-residentId-error referral-residentId-hint"');
    expect(html).toMatch(
      /<p class="field__error" id="referral-residentId-error" data-testid="field-error-residentId">居民身份证号无效：请核对位数、出生日期和校验位。<span class="field__detail" lang="en">resident ID is not valid: resident ID check digit does not match<\/span><\/p>/,
    );
    expect(html).toMatch(/data-testid="field-error-reason">此项必填。</);
    expect(tagWithId(html, 'referral-name')).not.toContain('aria-invalid');
  });

  it('offers the department’s open slots, and says when the chosen one was taken', () => {
    const html = render({ slotId: { kind: 'gone' } }, { slots: true });
    expect(html).toMatch(/<input type="radio" name="slotId" checked="" value=""\/>暂不预约/);
    expect(html).toMatch(/<input type="radio" name="slotId" value="S-1"\/>.*郑国栋 · 主任医师/);
    expect(html).toMatch(/data-testid="field-error-slotId">您选的号源刚被预约，请另选一个。</);
    expect(render({}, { slots: false })).toContain('选择接收科室后，可直接为患者预约其预留号源。');
  });

  it('speaks English when asked', () => {
    const html = render({ residentId: { kind: 'server', detail: 'x' } }, { lang: 'en' });
    expect(html).toContain('Resident ID number');
    expect(html).toContain('This resident ID is not valid');
    expect(html).toContain('Send referral');
  });
});
