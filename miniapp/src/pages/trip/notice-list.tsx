import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { NOTICE_KIND_LABELS, type NoticeView } from '@dzky/contracts';
import { useI18n } from '../../i18n';
import { labelOf } from './format';
import './notice-list.scss';

interface NoticeListProps {
  notices: NoticeView[];
  /** element ids start with it; H5 keeps earlier pages mounted, so ids differ per page */
  idPrefix: string;
}

/** 乘车须知 / 服务承诺 / 公告 as cards: the title first, the text on a tap. */
export function NoticeList({ notices, idPrefix }: NoticeListProps) {
  const { lang } = useI18n();
  const [open, setOpen] = useState<number | null>(null);
  return (
    <View className="notice-list">
      {notices.map((n) => {
        const expanded = open === n.id;
        return (
          <View
            key={n.id}
            id={`${idPrefix}-${n.id}`}
            className={`notice-card notice-card--${n.kind} ${expanded ? 'notice-card--open' : ''}`}
            onClick={() => setOpen(expanded ? null : n.id)}
          >
            <View className="notice-card__head">
              <Text className="notice-card__kind">{labelOf(NOTICE_KIND_LABELS, n.kind, lang)}</Text>
              <Text className="notice-card__title">{n.title}</Text>
              <Text className="notice-card__arrow">{expanded ? '⌃' : '›'}</Text>
            </View>
            {expanded ? (
              <Text className="notice-card__body" id={`${idPrefix}-body-${n.id}`}>
                {n.body}
              </Text>
            ) : null}
          </View>
        );
      })}
    </View>
  );
}
