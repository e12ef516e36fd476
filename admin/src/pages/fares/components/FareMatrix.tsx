import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Empty, Input, Space, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { RouteFareTable } from '@dzky/contracts';
import { isApiError } from '../../../request';
import { formatTime } from '../../../utils/time';
import { cellEditable, cellKey, cellProblem, cellsOf, matrixAxes, normalizeCell, pairsOf, type FareStop } from '../model';
import { fareApi } from '../service';

interface Props {
  table: RouteFareTable;
  canWrite: boolean;
  onSaved(table: RouteFareTable): void;
  /** unsaved edits exist (the preview prices by the saved table) */
  onDirtyChange?(dirty: boolean): void;
}

/**
 * 票价表: one price per boarding stop × later alighting stop, typed in yuan with two decimals and
 * saved in fen. An empty cell is a journey that is not sold. Saving replaces the whole table.
 */
export default function FareMatrix({ table, canWrite, onSaved, onDirtyChange }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const initial = useMemo(() => cellsOf(table.pairs), [table]);
  const [cells, setCells] = useState<Record<string, string>>(initial);
  const [saving, setSaving] = useState(false);
  const [serverProblems, setServerProblems] = useState<string[]>([]);
  // the bff's reasons for refused pairs, on their cells until the cell is edited
  const [cellErrors, setCellErrors] = useState<Record<string, string>>({});
  const { rows, cols } = useMemo(() => matrixAxes(table.stops), [table.stops]);

  useEffect(() => {
    setCells(initial);
    setServerProblems([]);
    setCellErrors({});
  }, [initial]);

  const dirty = useMemo(() => {
    const keys = new Set([...Object.keys(initial), ...Object.keys(cells)]);
    return [...keys].some((k) => (initial[k] ?? '') !== normalizeCell(cells[k] ?? ''));
  }, [cells, initial]);
  useEffect(() => onDirtyChange?.(dirty), [dirty]);

  const editableCount = rows.reduce((n, r) => n + cols.filter((c) => cellEditable(r, c)).length, 0);
  const filled = Object.entries(cells).filter(([, v]) => v.trim()).length;

  const save = async () => {
    const { pairs, bad } = pairsOf(table.stops, cells);
    if (bad.length) {
      message.error(t('trip.fares.fixCells', { count: bad.length }));
      return;
    }
    setSaving(true);
    setServerProblems([]);
    setCellErrors({});
    try {
      const saved = await fareApi.saveTable(table.routeId, { pairs });
      message.success(t('trip.fares.tableSaved', { count: saved.pairs.length }));
      onSaved(saved);
    } catch (e) {
      if (isApiError(e)) {
        // "pairs[3].baseFen" (or "pairs.3.baseFen") → the cell of the 4th pair sent
        const onCells: Record<string, string> = {};
        const named = e.errors.map(({ field, reason }) => {
          const m = /^pairs(?:\.|\[)(\d+)/.exec(field);
          const p = m ? pairs[Number(m[1])] : undefined;
          if (!p) return `${field}：${reason}`;
          const key = cellKey(p.fromSeq, p.toSeq);
          onCells[key] = onCells[key] ? `${onCells[key]}；${reason}` : reason;
          return `${nameAt(table.stops, p.fromSeq)} → ${nameAt(table.stops, p.toSeq)}：${reason}`;
        });
        setCellErrors(onCells);
        setServerProblems(named.length ? named : [e.errorMessage]);
      } else {
        message.error(t('common.networkError'));
      }
    } finally {
      setSaving(false);
    }
  };

  if (rows.length === 0 || cols.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('trip.fares.noStops')} />;
  }

  const columns: TableColumnsType<FareStop> = [
    {
      title: (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('trip.fares.boardAlight')}
        </Typography.Text>
      ),
      key: 'from',
      fixed: 'left',
      width: 150,
      render: (_, from) => (
        <Typography.Text strong>
          {from.seq}. {from.name}
        </Typography.Text>
      ),
    },
    ...cols.map((to) => ({
      title: (
        <span>
          {to.seq}. {to.name}
        </span>
      ),
      key: `to-${to.seq}`,
      width: 120,
      onCell: (from: FareStop) => ({ className: cellEditable(from, to) ? undefined : 'dzky-fare-cell--off' }),
      render: (_: unknown, from: FareStop) => {
        if (!cellEditable(from, to)) return null;
        const key = cellKey(from.seq, to.seq);
        const value = cells[key] ?? '';
        const problem = cellProblem(value);
        const refused = cellErrors[key];
        const tip = problem ? t(`trip.fares.cell.${problem}`) : refused;
        const input = (
          <Input
            size="small"
            prefix="¥"
            value={value}
            readOnly={!canWrite}
            variant={canWrite ? 'outlined' : 'borderless'}
            status={problem || refused ? 'error' : undefined}
            data-refused={refused ? 'true' : undefined}
            placeholder={canWrite ? t('trip.fares.notSold') : '-'}
            aria-label={`${from.name} → ${to.name}`}
            inputMode="decimal"
            onChange={(e) => {
              setCells((c) => ({ ...c, [key]: e.target.value }));
              if (refused) setCellErrors(({ [key]: _, ...rest }) => rest);
            }}
            onBlur={() => setCells((c) => ({ ...c, [key]: normalizeCell(c[key] ?? '') }))}
          />
        );
        // always inside the tooltip: swapping the element while the user types would drop the focus
        return (
          <>
            <Tooltip title={tip}>{input}</Tooltip>
            {refused && (
              <Typography.Text type="danger" className="dzky-fare-cell-error" role="alert">
                {refused}
              </Typography.Text>
            )}
          </>
        );
      },
    })),
  ];

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Text type="secondary">
          {t('trip.fares.filled', { filled, total: editableCount })}
          {table.updatedAt && ` · ${t('trip.fares.updatedAt', { time: formatTime(table.updatedAt, 'YYYY-MM-DD HH:mm') })}`}
        </Typography.Text>
        {canWrite && (
          <Space>
            <Button icon={<UndoOutlined />} disabled={!dirty} onClick={() => setCells(initial)}>
              {t('trip.fares.undo')}
            </Button>
            <Button type="primary" icon={<SaveOutlined />} loading={saving} disabled={!dirty} onClick={() => void save()}>
              {t('trip.fares.saveTable')}
            </Button>
          </Space>
        )}
      </Space>
      {serverProblems.length > 0 && (
        <Alert type="error" showIcon message={t('trip.fares.tableRefused')} description={serverProblems.map((p) => <div key={p}>{p}</div>)} />
      )}
      {/* a short route's few columns stay cell-sized instead of stretching across the page */}
      <div style={{ maxWidth: Math.max(480, 170 + cols.length * 150) }}>
        <Table<FareStop>
          className="dzky-fare-matrix"
          rowKey="seq"
          size="small"
          bordered
          pagination={false}
          columns={columns}
          dataSource={rows}
          scroll={{ x: 150 + cols.length * 120 }}
        />
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('trip.fares.matrixHint')}
      </Typography.Text>
    </Space>
  );
}

function nameAt(stops: readonly FareStop[], seq: number) {
  return stops.find((s) => s.seq === seq)?.name ?? `#${seq}`;
}
