import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { Select, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RouteListItem } from '@dzky/contracts';
import { listRoutes } from '../../basedata/routes/service';

interface Props {
  value?: number;
  onChange?(v: number | undefined): void;
  /** the picked route's row, for callers that need its operator or end stops */
  onPicked?(route: RouteListItem | undefined): void;
  /** every row fetched, e.g. to show a list's routes as from → to */
  onLoaded?(routes: RouteListItem[]): void;
  /** only this operator's routes (platform staff choosing for an operator) */
  orgId?: number;
  /** hide routes that cannot run (disabled, or the line's licence lapsed) */
  operableOnly?: boolean;
  id?: string;
  allowClear?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  'aria-label'?: string;
}

export const routeLabel = (r: Pick<RouteListItem, 'code' | 'name' | 'from' | 'to'>) =>
  `${r.code} · ${r.name}（${r.from} → ${r.to}）`;

/** Picks a route (路线) by code or name, searching as the user types. */
export default function RouteSelect({ value, onChange, onPicked, onLoaded, orgId, operableOnly, id, allowClear = true, placeholder, style, ...rest }: Props) {
  const { t } = useTranslation();
  const [routes, setRoutes] = useState<RouteListItem[]>([]);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const known = useRef(new Map<number, RouteListItem>());
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const search = (keyword: string) => {
    const mine = ++seq.current;
    setLoading(true);
    listRoutes({ keyword: keyword.trim() || undefined, orgId, enabled: operableOnly ? true : undefined, page: 1, pageSize: 100 })
      .then((p) => {
        if (mine !== seq.current) return;
        for (const r of p.items) known.current.set(r.id, r);
        onLoaded?.(p.items);
        setRoutes(operableOnly ? p.items.filter((r) => r.operable) : p.items);
      })
      .catch(() => undefined)
      .finally(() => mine === seq.current && setLoading(false));
  };

  // again when the operator changes: another operator's routes are not offered
  useEffect(() => {
    search('');
    return () => clearTimeout(timer.current);
  }, [orgId]);

  // the picked route's details follow once the rows that describe it have arrived
  useEffect(() => {
    if (value) onPicked?.(known.current.get(value));
  }, [value, routes]);

  const options = useMemo(
    () =>
      routes.map((r) => ({
        value: r.id,
        label: r.operable ? routeLabel(r) : `${routeLabel(r)} · ${t('trip.common.notOperable')}`,
      })),
    [routes, t],
  );

  return (
    <Select<number>
      id={id}
      aria-label={rest['aria-label']}
      value={value}
      onChange={(v) => {
        onChange?.(v ?? undefined);
        onPicked?.(v ? known.current.get(v) : undefined);
      }}
      showSearch
      filterOption={false}
      allowClear={allowClear}
      onSearch={(kw) => {
        clearTimeout(timer.current);
        timer.current = setTimeout(() => search(kw), 300);
      }}
      options={options}
      placeholder={placeholder ?? t('trip.common.routePlaceholder')}
      notFoundContent={loading ? <Spin size="small" /> : t('trip.common.noRoute')}
      style={style ?? { width: '100%' }}
      popupMatchSelectWidth={false}
    />
  );
}
