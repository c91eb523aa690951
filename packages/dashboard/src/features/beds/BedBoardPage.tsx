import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { useSignedIn } from '../../app/viewer';
import type { BedKind } from '../../graphql/enums';
import { describeError } from '../../graphql/errors';
import { readFragment } from '../../graphql/graphql';
import { useLiveQuery } from '../../graphql/live';
import { useI18n, useT, type MessageKey } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { latestUpdate, occupancyPercent, pressureLevel, type PressureLevel } from '../members/pressure';
import { buildBoard, type Cell } from './board';
import { AvailabilityRow, BedBoardChanged, BedBoardQuery } from './operations';

const PRESSURE_LABEL: Record<PressureLevel, MessageKey> = {
  low: 'pressure.low',
  medium: 'pressure.medium',
  high: 'pressure.high',
  none: 'pressure.none',
};

/** A short highlight when a number changes, so a change on the wall screen catches the eye. */
function useFlash(value: number): number {
  const [flashes, setFlashes] = useState(0);
  const previous = useRef(value);
  useEffect(() => {
    if (previous.current === value) return;
    previous.current = value;
    setFlashes((n) => n + 1);
  }, [value]);
  return flashes;
}

function BoardCell({ cell, testId }: { cell: Cell | undefined; testId: string }) {
  const t = useT();
  const flashes = useFlash(cell?.available ?? -1);
  if (!cell || cell.total === 0) {
    return (
      <td className="board-cell board-cell--empty">
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">{t('pressure.none')}</span>
      </td>
    );
  }
  const level = pressureLevel(cell);
  const percent = occupancyPercent(cell);
  return (
    <td className={`board-cell pressure--${level}`} data-testid={testId} data-pressure={level}>
      <div className="board-cell__inner">
        <span
          key={flashes}
          className={`board-cell__available${flashes ? ' flash' : ''}`}
          data-testid={`${testId}-available`}
        >
          {cell.available}
        </span>
        <span className="board-cell__detail">
          {t('board.cellDetail', { held: cell.held, occupied: cell.occupied, total: cell.total })}
        </span>
        <span className="board-cell__pressure">
          {percent}% {t(PRESSURE_LABEL[level])}
        </span>
      </div>
    </td>
  );
}

/**
 * The coordination office's bed board: every member × bed kind with free / held / occupied beds,
 * coloured by pressure, live from `bedAvailabilityChanged`; a member opens into its departments.
 */
export function BedBoardPage() {
  const { t, lang } = useI18n();
  const { alliance } = useSignedIn();
  const allianceId = alliance?.id ?? '';
  const [{ data, error, fetching }] = useLiveQuery({
    query: BedBoardQuery,
    variables: { allianceId },
    subscription: BedBoardChanged,
    subscriptionVariables: { allianceId },
    pause: !alliance,
  });
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());

  const rows = useMemo(() => readFragment(AvailabilityRow, data?.alliance?.bedAvailability ?? []), [data]);
  const board = useMemo(() => buildBoard(rows), [rows]);
  const updatedAt = useMemo(() => latestUpdate(rows), [rows]);
  const members = data?.alliance?.members.edges.map((edge) => edge.node) ?? [];

  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <section className="page__section" aria-labelledby="board-heading" aria-busy={fetching && !data}>
      <div className="page__toolbar">
        <h1 className="page__title" id="board-heading">
          {t('board.heading')}
        </h1>
        {updatedAt && (
          <p className="muted">
            <time dateTime={updatedAt}>
              {t('member.updatedAt', { time: formatDateTime(updatedAt, lang) })}
            </time>
          </p>
        )}
      </div>

      {error && (
        <p className="form-error" role="alert">
          {t('members.error', { message: describeError(error, t) })}
        </p>
      )}
      {!data && !error && (
        <p className="muted" role="status">
          {t('shell.loading')}
        </p>
      )}

      {data?.alliance && (
        <>
          <ul className="board-totals" aria-label={t('board.totals')}>
            {board.kinds.map((kind) => {
              const cell = board.totals.get(kind)!;
              const level = pressureLevel(cell);
              return (
                <li key={kind} className={`board-total pressure--${level}`} data-testid={`total-${kind}`}>
                  <span className="board-total__kind">{t(`BedKind.${kind}`)}</span>
                  <span className="board-total__available">{cell.available}</span>
                  <span className="board-total__detail">
                    {t('board.freeOf', { total: cell.total })} · {occupancyPercent(cell)}%{' '}
                    {t(PRESSURE_LABEL[level])}
                  </span>
                </li>
              );
            })}
          </ul>

          <p className="muted board-legend">{t('board.legend')}</p>

          <div className="board__scroll" tabIndex={0} role="region" aria-labelledby="board-heading">
            <table className="board">
              <caption className="visually-hidden">{t('board.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('board.member')}</th>
                  {board.kinds.map((kind) => (
                    <th scope="col" key={kind}>
                      {t(`BedKind.${kind}`)}
                    </th>
                  ))}
                  <th scope="col">{t('board.all')}</th>
                </tr>
              </thead>
              <tbody>
                {members.map((member) => {
                  const memberBoard = board.byMember.get(member.id);
                  const expanded = open.has(member.id);
                  const canExpand = (memberBoard?.departments.length ?? 0) > 0;
                  return (
                    <Fragment key={member.id}>
                      <tr
                        className={`board-row${member.role === 'CORE' ? ' board-row--core' : ''}`}
                        data-testid={`board-${member.code}`}
                      >
                        <th scope="row" className="board-member">
                          {canExpand ? (
                            <button
                              type="button"
                              className="board-member__toggle"
                              aria-expanded={expanded}
                              onClick={() => toggle(member.id)}
                            >
                              <span className="board-member__chevron" aria-hidden="true">
                                {expanded ? '▾' : '▸'}
                              </span>
                              <span className="board-member__name">{member.shortName || member.name}</span>
                            </button>
                          ) : (
                            <span className="board-member__name">{member.shortName || member.name}</span>
                          )}
                          <span className="board-member__meta">
                            {t(`InstitutionTier.${member.tier}`)} · {t(`InstitutionKind.${member.kind}`)}
                          </span>
                        </th>
                        {board.kinds.map((kind) => (
                          <BoardCell
                            key={kind}
                            cell={memberBoard?.byKind.get(kind)}
                            testId={`cell-${member.code}-${kind}`}
                          />
                        ))}
                        <BoardCell cell={memberBoard?.total} testId={`cell-${member.code}-ALL`} />
                      </tr>
                      {expanded &&
                        memberBoard?.departments.map((department) => (
                          <tr
                            key={department.id}
                            className="board-row board-row--department"
                            data-testid={`board-${member.code}-${department.code}`}
                          >
                            <th scope="row" className="board-department">
                              {department.name}
                            </th>
                            {board.kinds.map((kind: BedKind) => (
                              <BoardCell
                                key={kind}
                                cell={department.byKind.get(kind)}
                                testId={`cell-${member.code}-${department.code}-${kind}`}
                              />
                            ))}
                            <BoardCell
                              cell={department.total}
                              testId={`cell-${member.code}-${department.code}-ALL`}
                            />
                          </tr>
                        ))}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
