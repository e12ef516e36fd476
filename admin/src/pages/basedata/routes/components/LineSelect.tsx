import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { Select, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LineView } from '@dzky/contracts';
import { lineApi } from '../../lines/service';

interface Props {
  value?: number;
  onChange?(v: number | undefined): void;
  id?: string;
  allowClear?: boolean;
  placeholder?: string;
  style?: CSSProperties;
}

/** Picks a line (班线) by licence number or name, searching as the user types. */
export default function LineSelect({ value, onChange, id, allowClear = true, placeholder, style }: Props) {
  const { t } = useTranslation();
  const [lines, setLines] = useState<LineView[]>([]);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const known = useRef(new Map<number, LineView>());
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const search = (keyword: string) => {
    const mine = ++seq.current;
    setLoading(true);
    lineApi
      .list({ keyword: keyword.trim() || undefined, page: 1, pageSize: 50 })
      .then((p) => {
        if (mine !== seq.current) return;
        for (const l of p.items) known.current.set(l.id, l);
        setLines(p.items);
      })
      .catch(() => undefined)
      .finally(() => mine === seq.current && setLoading(false));
  };

  // the chosen line's name must show even when it is not on the first page
  useEffect(() => {
    search('');
    if (value && !known.current.has(value)) {
      lineApi.get(value).then(
        (l) => {
          known.current.set(l.id, l);
          setLines((cur) => (cur.some((x) => x.id === l.id) ? cur : [...cur, l]));
        },
        () => undefined,
      );
    }
    // once: later searches follow the typing
  }, []);

  const options = useMemo(
    () =>
      [
        ...new Map(
          [...lines, ...(value && known.current.get(value) ? [known.current.get(value)!] : [])].map((l) => [
            l.id,
            l,
          ]),
        ).values(),
      ].map((l) => ({
        value: l.id,
        label: `${l.licenceNo} · ${l.name}`,
      })),
    [lines, value],
  );

  return (
    <Select<number>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      showSearch
      filterOption={false}
      allowClear={allowClear}
      onSearch={(kw) => {
        clearTimeout(timer.current);
        timer.current = setTimeout(() => search(kw), 300);
      }}
      options={options}
      placeholder={placeholder ?? t('basedata.routes.linePlaceholder')}
      notFoundContent={loading ? <Spin size="small" /> : t('basedata.routes.noLine')}
      style={style ?? { width: '100%' }}
    />
  );
}
