import { useEffect, useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { useClient, useQuery } from 'urql';
import { useSignedIn } from '../../app/viewer';
import { describeError } from '../../graphql/errors';
import { readFragment } from '../../graphql/graphql';
import { useLiveQuery } from '../../graphql/live';
import { useT } from '../../i18n';
import { buildBoard } from '../beds/board';
import { AvailabilityRow, BedBoardChanged, BedBoardQuery } from '../beds/operations';
import { occupancyPercent } from '../members/pressure';
import { ChartFigure } from './ChartFigure';
import { lastDays, percent, sumDay, type DayCounts } from './figures';
import { IndicatorsQuery, MemberFigures, ReferralDayQuery } from './operations';

const COLOURS = {
  up: '#0b5cab',
  down: '#2e9e52',
  lateral: '#8a6d00',
  cap: '#9aa5b4',
  over: '#c62828',
  ok: '#0b5cab',
  occupied: '#5b6675',
  held: '#e0a100',
  free: '#2e9e52',
};

const PERIODS = [7, 30, 90] as const;
type Period = (typeof PERIODS)[number];
const TREND_DAYS = 14;
const SLOTS_AHEAD_DAYS = 14;
const DAY_MS = 86_400_000;

/** Referrals up and down per day for the last two weeks: one small query per day, in parallel. */
function useReferralTrend(): { days: ({ label: string } & DayCounts)[] | null; error: string | null } {
  const client = useClient();
  const [state, setState] = useState<{
    days: ({ label: string } & DayCounts)[] | null;
    error: string | null;
  }>({
    days: null,
    error: null,
  });
  useEffect(() => {
    let current = true;
    const days = lastDays(TREND_DAYS, Date.now());
    void Promise.all(
      days.map((day) =>
        client
          .query(ReferralDayQuery, { from: day.from, to: day.to }, { requestPolicy: 'network-only' })
          .toPromise(),
      ),
    ).then((results) => {
      if (!current) return;
      const failed = results.find((result) => result.error);
      setState({
        days: results.map((result, i) => ({
          label: days[i]!.label,
          ...sumDay(result.data?.allianceIndicators ?? []),
        })),
        error: failed?.error?.message ?? null,
      });
    });
    return () => {
      current = false;
    };
  }, [client]);
  return state;
}

/**
 * The alliance's indicators for the coordination office: referrals up and down over time, each
 * member's referral-out rate against its cap, time to answer, reserved-slot use and bed occupancy
 * (live). Loaded on first visit only: the chart library stays out of the main bundle.
 */
export function IndicatorsPage() {
  const t = useT();
  const { alliance } = useSignedIn();
  const [period, setPeriod] = useState<Period>(30);
  const range = useMemo(() => {
    const to = Date.now();
    return { from: new Date(to - period * DAY_MS).toISOString(), to: new Date(to).toISOString() };
  }, [period]);
  const [{ data, error }] = useQuery({ query: IndicatorsQuery, variables: range });
  // Reserved slots lie mostly ahead: their use so far says how much of the coming capacity is taken.
  const ahead = useMemo(() => {
    const from = Date.now();
    return {
      from: new Date(from).toISOString(),
      to: new Date(from + SLOTS_AHEAD_DAYS * DAY_MS).toISOString(),
    };
  }, []);
  const [upcoming] = useQuery({ query: IndicatorsQuery, variables: ahead });
  const trend = useReferralTrend();
  const allianceId = alliance?.id ?? '';
  const [beds] = useLiveQuery({
    query: BedBoardQuery,
    variables: { allianceId },
    subscription: BedBoardChanged,
    subscriptionVariables: { allianceId },
    pause: !alliance,
  });

  const members = useMemo(() => readFragment(MemberFigures, data?.allianceIndicators ?? []), [data]);
  const name = (m: { institution: { name: string; shortName: string } }) =>
    m.institution.shortName || m.institution.name;

  const outRates = members
    .filter((m) => m.referralOutRate !== null)
    .map((m) => ({
      name: name(m),
      rate: percent(m.referralOutRate, 2),
      cap: percent(m.referralOutRateCap),
      within: m.referralOutRateWithinCap !== false,
      sent: m.referralsOutUpward,
    }))
    .map((r) => ({
      ...r,
      // The axis names the member and its cap; the bar's label gives the rate.
      axis: r.cap === null ? r.name : t('indicators.nameWithCap', { name: r.name, cap: r.cap }),
      label: `${r.rate}%`,
    }));
  const answers = members
    .filter((m) => m.medianMinutesToAnswer !== null)
    .map((m) => ({
      name: name(m),
      minutes: Math.round(m.medianMinutesToAnswer ?? 0),
      onTime: percent(m.answeredOnTimeShare),
      received: m.referralsInUpward + m.referralsInDownward,
    }));
  const upcomingMembers = useMemo(
    () => readFragment(MemberFigures, upcoming.data?.allianceIndicators ?? []),
    [upcoming.data],
  );
  const slots = upcomingMembers.flatMap((ahead) => {
    const past = members.find((m) => m.institution.id === ahead.institution.id);
    if (ahead.reservedSlots === 0 && !past?.reservedSlots) return [];
    return [
      {
        name: name(ahead),
        past: percent(past?.reservedSlotUse, 2),
        ahead: percent(ahead.reservedSlotUse, 2),
        booked: ahead.reservedSlotsBooked,
        reserved: ahead.reservedSlots,
        bookedLabel: `${ahead.reservedSlotsBooked}/${ahead.reservedSlots}`,
      },
    ];
  });

  const occupancy = useMemo(() => {
    const rows = readFragment(AvailabilityRow, beds.data?.alliance?.bedAvailability ?? []);
    const board = buildBoard(rows);
    return (beds.data?.alliance?.members.edges ?? []).flatMap(({ node }) => {
      const cell = board.byMember.get(node.id)?.total;
      if (!cell || cell.total === 0) return [];
      return [
        {
          name: node.shortName || node.name,
          occupied: cell.occupied,
          held: cell.held,
          free: cell.available,
          other: cell.total - cell.occupied - cell.held - cell.available,
          percent: occupancyPercent(cell) ?? 0,
        },
      ];
    });
  }, [beds.data]);

  return (
    <section className="page__section" aria-labelledby="indicators-heading">
      <div className="page__toolbar">
        <h1 className="page__title" id="indicators-heading">
          {t('indicators.heading')}
        </h1>
        <div className="segmented" role="group" aria-label={t('indicators.period')}>
          {PERIODS.map((days) => (
            <button
              key={days}
              type="button"
              className="segmented__option"
              aria-pressed={period === days}
              onClick={() => setPeriod(days)}
            >
              {t('indicators.days', { days })}
            </button>
          ))}
        </div>
      </div>
      {(error || trend.error) && (
        <p className="form-error" role="alert">
          {error ? describeError(error, t) : trend.error}
        </p>
      )}

      <div className="charts">
        <ChartFigure
          testId="chart-trend"
          title={t('indicators.trend')}
          description={t('indicators.trendDescription', { days: TREND_DAYS })}
          rows={trend.days ?? []}
          columns={[
            { header: t('indicators.day'), value: (d) => d.label },
            { header: t('ReferralDirection.UPWARD'), value: (d) => d.up },
            { header: t('ReferralDirection.DOWNWARD'), value: (d) => d.down },
            { header: t('ReferralDirection.LATERAL'), value: (d) => d.lateral },
          ]}
        >
          <BarChart data={trend.days ?? []}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" fontSize={12} />
            <YAxis allowDecimals={false} fontSize={12} width={32} />
            <Tooltip />
            <Legend />
            <Bar
              dataKey="up"
              name={t('ReferralDirection.UPWARD')}
              fill={COLOURS.up}
              isAnimationActive={false}
            />
            <Bar
              dataKey="down"
              name={t('ReferralDirection.DOWNWARD')}
              fill={COLOURS.down}
              isAnimationActive={false}
            />
            <Bar
              dataKey="lateral"
              name={t('ReferralDirection.LATERAL')}
              fill={COLOURS.lateral}
              isAnimationActive={false}
            />
          </BarChart>
        </ChartFigure>

        <ChartFigure
          testId="chart-out-rate"
          title={t('indicators.outRate')}
          description={t('indicators.outRateDescription', { days: period })}
          rows={outRates}
          columns={[
            { header: t('board.member'), value: (r) => r.name },
            { header: t('indicators.rate'), value: (r) => `${r.rate}%` },
            { header: t('indicators.cap'), value: (r) => (r.cap === null ? '—' : `${r.cap}%`) },
            {
              header: t('indicators.within'),
              value: (r) => t(r.within ? 'indicators.yes' : 'indicators.no'),
            },
          ]}
        >
          <BarChart data={outRates} margin={{ top: 20, left: 36 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="axis" fontSize={12} interval={0} angle={-30} textAnchor="end" height={90} />
            <YAxis unit="%" fontSize={12} width={60} />
            <Tooltip />
            {/* Caps (10–50%) dwarf real rates (often under 1%): the axis scales to the rates, and names the cap. */}
            <Bar dataKey="rate" name={t('indicators.rate')} isAnimationActive={false} fill={COLOURS.ok}>
              {outRates.map((r) => (
                <Cell key={r.name} fill={r.within ? COLOURS.ok : COLOURS.over} />
              ))}
              <LabelList dataKey="label" position="top" fontSize={11} fill={COLOURS.occupied} />
            </Bar>
          </BarChart>
        </ChartFigure>

        <ChartFigure
          testId="chart-answer"
          title={t('indicators.answer')}
          description={t('indicators.answerDescription', { days: period })}
          rows={answers}
          columns={[
            { header: t('board.member'), value: (r) => r.name },
            { header: t('indicators.medianMinutes'), value: (r) => r.minutes },
            { header: t('indicators.onTime'), value: (r) => (r.onTime === null ? '—' : `${r.onTime}%`) },
            { header: t('indicators.received'), value: (r) => r.received },
          ]}
        >
          <BarChart data={answers}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" fontSize={12} interval={0} angle={-20} textAnchor="end" height={56} />
            <YAxis fontSize={12} width={40} />
            <Tooltip />
            <Legend />
            <Bar
              dataKey="minutes"
              name={t('indicators.medianMinutes')}
              fill={COLOURS.up}
              isAnimationActive={false}
            />
          </BarChart>
        </ChartFigure>

        <ChartFigure
          testId="chart-slots"
          title={t('indicators.slots')}
          description={t('indicators.slotsDescription', { days: period, ahead: SLOTS_AHEAD_DAYS })}
          rows={slots}
          columns={[
            { header: t('board.member'), value: (r) => r.name },
            {
              header: t('indicators.slotUsePast', { days: period }),
              value: (r) => (r.past === null ? '—' : `${r.past}%`),
            },
            {
              header: t('indicators.slotUseAhead', { days: SLOTS_AHEAD_DAYS }),
              value: (r) => (r.ahead === null ? '—' : `${r.ahead}%`),
            },
            { header: t('indicators.booked'), value: (r) => r.booked },
            { header: t('indicators.reserved'), value: (r) => r.reserved },
          ]}
        >
          <BarChart data={slots} margin={{ top: 20 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" fontSize={12} />
            <YAxis unit="%" fontSize={12} width={52} />
            <Tooltip />
            <Legend />
            <Bar
              dataKey="past"
              name={t('indicators.slotUsePast', { days: period })}
              fill={COLOURS.cap}
              isAnimationActive={false}
            />
            <Bar
              dataKey="ahead"
              name={t('indicators.slotUseAhead', { days: SLOTS_AHEAD_DAYS })}
              fill={COLOURS.down}
              isAnimationActive={false}
            >
              <LabelList dataKey="bookedLabel" position="top" fontSize={11} fill={COLOURS.occupied} />
            </Bar>
          </BarChart>
        </ChartFigure>

        <ChartFigure
          testId="chart-occupancy"
          title={t('indicators.occupancy')}
          description={t('indicators.occupancyDescription')}
          rows={occupancy}
          height={Math.max(280, occupancy.length * 30 + 60)}
          columns={[
            { header: t('board.member'), value: (r) => r.name },
            { header: t('beds.occupied'), value: (r) => r.occupied },
            { header: t('beds.held'), value: (r) => r.held },
            { header: t('beds.available'), value: (r) => r.free },
            { header: t('beds.occupancy'), value: (r) => `${r.percent}%` },
          ]}
        >
          <BarChart data={occupancy} layout="vertical" margin={{ left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} fontSize={12} />
            <YAxis type="category" dataKey="name" width={96} fontSize={12} interval={0} />
            <Tooltip />
            <Legend />
            <Bar
              dataKey="occupied"
              stackId="beds"
              name={t('beds.occupied')}
              fill={COLOURS.occupied}
              isAnimationActive={false}
            />
            <Bar
              dataKey="held"
              stackId="beds"
              name={t('beds.held')}
              fill={COLOURS.held}
              isAnimationActive={false}
            />
            <Bar
              dataKey="free"
              stackId="beds"
              name={t('beds.available')}
              fill={COLOURS.free}
              isAnimationActive={false}
            />
          </BarChart>
        </ChartFigure>
      </div>
    </section>
  );
}
