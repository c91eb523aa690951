import { useT, type MessageKey } from '../../i18n';
import { occupancyPercent, pressureLevel, type BedKindSummary, type PressureLevel } from './pressure';

const PRESSURE_LABEL: Record<PressureLevel, MessageKey> = {
  low: 'pressure.low',
  medium: 'pressure.medium',
  high: 'pressure.high',
  none: 'pressure.none',
};

interface Props {
  /** Institution code, for stable test ids. */
  memberCode: string;
  summaries: readonly BedKindSummary[];
}

/** Beds of one member per kind. Pressure is shown as colour, percentage and word together. */
export function BedTable({ memberCode, summaries }: Props) {
  const t = useT();
  return (
    <div className="bed-table__scroll">
      <table className="bed-table">
        <caption className="visually-hidden">{t('member.beds')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('beds.kind')}</th>
            <th scope="col" className="num">
              {t('beds.available')}
            </th>
            <th scope="col" className="num">
              {t('beds.held')}
            </th>
            <th scope="col" className="num">
              {t('beds.occupied')}
            </th>
            <th scope="col" className="num">
              {t('beds.total')}
            </th>
            <th scope="col">{t('beds.occupancy')}</th>
          </tr>
        </thead>
        <tbody>
          {summaries.map((s) => {
            const level = pressureLevel(s);
            const percent = occupancyPercent(s);
            return (
              <tr key={s.kind} className={`pressure-row pressure-row--${level}`} data-pressure={level}>
                <th scope="row">{t(`BedKind.${s.kind}`)}</th>
                <td className="num num--available" data-testid={`avail-${memberCode}-${s.kind}`}>
                  {s.available}
                </td>
                <td className="num">{s.held}</td>
                <td className="num">{s.occupied}</td>
                <td className="num">{s.total}</td>
                <td>
                  <span
                    className={`pressure pressure--${level}`}
                    data-testid={`pressure-${memberCode}-${s.kind}`}
                  >
                    <span className="pressure__percent">{percent === null ? '—' : `${percent}%`}</span>
                    <span className="pressure__label">{t(PRESSURE_LABEL[level])}</span>
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
