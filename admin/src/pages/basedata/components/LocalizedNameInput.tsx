import { useEffect, useState } from 'react';
import { Button, Input, Select, Space, Tooltip } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { LocalizedName } from '@dzky/contracts';

/** Languages offered by 添加语言 besides zh-CN and en (R-6.1.1 names bo and ug); any BCP-47 tag may be typed. */
export const EXTRA_LANGS = ['bo', 'ug', 'mn', 'ii', 'za', 'ko', 'ja', 'ru', 'fr', 'zh-Hant'] as const;
const FIXED = ['zh-CN', 'en'];
const TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

interface Row {
  lang: string;
  text: string;
}

function rowsOf(value: LocalizedName | undefined): Row[] {
  const v = value ?? { 'zh-CN': '' };
  const extra = Object.keys(v).filter((k) => !FIXED.includes(k));
  return [...FIXED, ...extra].map((lang) => ({ lang, text: v[lang] ?? '' }));
}

function valueOf(rows: Row[]): LocalizedName {
  const out: LocalizedName = { 'zh-CN': '' };
  for (const r of rows) {
    if (r.lang === 'zh-CN') out['zh-CN'] = r.text;
    // empty optional languages are left out rather than sent as ''
    // a text without a language is kept under '' so the form rule can point at it
    else if (r.text.trim()) out[r.lang] = r.text;
  }
  return out;
}

interface Props {
  value?: LocalizedName;
  onChange?(v: LocalizedName): void;
  id?: string;
  disabled?: boolean;
}

/** A name in several languages: 中文 required, English, and more through 添加语言. */
export default function LocalizedNameInput({ value, onChange, id, disabled }: Props) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Row[]>(() => rowsOf(value));

  // follow a value set from outside (the form opening on another record)
  useEffect(() => {
    setRows((current) =>
      JSON.stringify(valueOf(current)) === JSON.stringify(valueOf(rowsOf(value))) ? current : rowsOf(value),
    );
  }, [value]);

  const update = (next: Row[]) => {
    setRows(next);
    onChange?.(valueOf(next));
  };
  const langLabel = (lang: string) => t(`basedata.langs.${lang}`, { defaultValue: lang });
  const used = new Set(rows.map((r) => r.lang));

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={8}>
      {rows.map((r, i) => (
        <Space.Compact key={i} style={{ width: '100%' }}>
          {FIXED.includes(r.lang) ? (
            <Input style={{ width: 132 }} value={langLabel(r.lang)} disabled tabIndex={-1} aria-hidden />
          ) : (
            <Select
              style={{ width: 132 }}
              value={r.lang || undefined}
              showSearch
              disabled={disabled}
              placeholder={t('basedata.name.pickLang')}
              aria-label={t('basedata.name.pickLang')}
              status={r.lang && !TAG.test(r.lang) ? 'error' : undefined}
              options={EXTRA_LANGS.filter((l) => l === r.lang || !used.has(l)).map((l) => ({
                value: l,
                label: `${langLabel(l)} (${l})`,
              }))}
              onChange={(lang: string) => update(rows.map((x, j) => (j === i ? { ...x, lang } : x)))}
            />
          )}
          <Input
            id={r.lang === 'zh-CN' ? id : undefined}
            value={r.text}
            maxLength={100}
            disabled={disabled}
            aria-label={t('basedata.name.inLang', {
              lang: langLabel(r.lang || '?'),
            })}
            placeholder={
              r.lang === 'zh-CN'
                ? t('basedata.name.zhPlaceholder')
                : r.lang === 'en'
                  ? t('basedata.name.enPlaceholder')
                  : ''
            }
            onChange={(e) => update(rows.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)))}
          />
          {!FIXED.includes(r.lang) && (
            <Tooltip title={t('common.delete')}>
              <Button
                icon={<DeleteOutlined />}
                disabled={disabled}
                aria-label={t('common.delete')}
                onClick={() => update(rows.filter((_, j) => j !== i))}
              />
            </Tooltip>
          )}
        </Space.Compact>
      ))}
      <Button
        type="dashed"
        icon={<PlusOutlined />}
        disabled={disabled}
        onClick={() => update([...rows, { lang: '', text: '' }])}
      >
        {t('basedata.name.addLang')}
      </Button>
    </Space>
  );
}

/** Form rule: zh-CN filled, every other row with a language and a valid tag. */
export function localizedNameRule(t: (k: string) => string) {
  return {
    validator: async (_: unknown, v: LocalizedName | undefined) => {
      if (!v || !v['zh-CN']?.trim()) throw new Error(t('basedata.name.zhRequired'));
      for (const lang of Object.keys(v)) if (!TAG.test(lang)) throw new Error(t('basedata.name.badLang'));
    },
  };
}
