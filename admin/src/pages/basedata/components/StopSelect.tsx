import { useMemo, useRef, useState, type CSSProperties } from 'react';
import { Select, Spin, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LineStopRef, StopView } from '@dzky/contracts';
import { stopApi } from '../stops/service';
import { nameOf } from '../utils';

export type StopOption = Pick<StopView, 'id' | 'code' | 'name' | 'enabled'> &
  Partial<Pick<StopView, 'lng' | 'lat' | 'type'>>;

interface Props {
  value?: number | number[];
  onChange?(v: number | number[] | undefined, stops: StopOption[]): void;
  mode?: 'multiple';
  /** stops already chosen, so their names show before any search */
  known?: readonly (StopOption | LineStopRef)[];
  /** only these stop ids may be picked (a line's approved stops); empty or absent: any */
  allowed?: readonly number[];
  placeholder?: string;
  id?: string;
  style?: CSSProperties;
  'aria-label'?: string;
}

/** Picks stops by code or name, searching the bff as the user types (an operator may have thousands). */
export default function StopSelect({
  value,
  onChange,
  mode,
  known,
  allowed,
  placeholder,
  id,
  style,
  ...rest
}: Props) {
  const { t } = useTranslation();
  const [found, setFound] = useState<StopOption[]>([]);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const cache = useRef(new Map<number, StopOption>());
  for (const s of known ?? []) cache.current.set(s.id, { ...cache.current.get(s.id), ...s });

  const search = (keyword: string) => {
    const mine = ++seq.current;
    setLoading(true);
    stopApi
      .list({ keyword: keyword.trim() || undefined, page: 1, pageSize: 50 })
      .then((p) => {
        if (mine !== seq.current) return;
        for (const s of p.items) cache.current.set(s.id, s);
        setFound(p.items);
      })
      .catch(() => undefined)
      .finally(() => mine === seq.current && setLoading(false));
  };

  // the first page when the list first opens (a route has many of these selects: none loads up front)
  const opened = useRef(false);
  const onOpenChange = (open: boolean) => {
    if (open && !opened.current) {
      opened.current = true;
      search('');
    }
  };

  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const onSearch = (kw: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => search(kw), 300);
  };

  const selected = useMemo(
    () => (Array.isArray(value) ? value : value !== undefined ? [value] : []),
    [value],
  );
  const options = useMemo(() => {
    const ids = new Set<number>([...selected, ...found.map((s) => s.id)]);
    return [...ids]
      .map((i) => cache.current.get(i))
      .filter((s): s is StopOption => Boolean(s))
      .map((s) => {
        const notAllowed = Boolean(allowed?.length) && !allowed!.includes(s.id);
        return {
          value: s.id,
          label: `${s.code} · ${nameOf(s.name)}`,
          disabled: (!s.enabled || notAllowed) && !selected.includes(s.id),
          title: notAllowed
            ? t('basedata.routes.stopNotApproved')
            : !s.enabled
              ? t('common.disabled')
              : undefined,
        };
      });
  }, [found, selected, allowed, t]);

  return (
    <Select<number | number[]>
      id={id}
      mode={mode}
      value={value}
      showSearch
      allowClear
      filterOption={false}
      onSearch={onSearch}
      onOpenChange={onOpenChange}
      style={style ?? { width: '100%' }}
      placeholder={placeholder ?? t('basedata.stopSelect.placeholder')}
      notFoundContent={loading ? <Spin size="small" /> : t('basedata.stopSelect.none')}
      options={options}
      aria-label={rest['aria-label']}
      tagRender={
        mode === 'multiple'
          ? ({ label, closable, onClose }) => (
              <Tag
                closable={closable}
                onClose={onClose}
                style={{ marginInlineEnd: 4 }}
                bordered={false}
                color="blue"
              >
                {label}
              </Tag>
            )
          : undefined
      }
      onChange={(v) => {
        const ids = Array.isArray(v) ? v : v !== undefined && v !== null ? [v] : [];
        onChange?.(
          v ?? undefined,
          ids.map((i) => cache.current.get(i)).filter((s): s is StopOption => Boolean(s)),
        );
      }}
    />
  );
}
