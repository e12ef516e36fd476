import { useCallback, useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import {
  COMPLAINT_CATEGORY_LABELS, COMPLAINT_KIND_LABELS, COMPLAINT_STATUS_LABELS,
  type ComplaintListItem, type ComplaintView,
} from '@dzky/contracts';
import { EmptyState } from '../../../components/empty-state';
import { isApiError } from '../../../services/request';
import { dateTimeOf } from '../../trip/format';
import { FEEDBACK_ROUTES, feedbackApi } from '../feedback-api';
import { useFeedbackText } from '../texts';
import './index.scss';

/**
 * 我的投诉与建议 (R-6.2.8): what the passenger submitted, newest first, with its state; opening one
 * shows the full text and customer service's replies.
 */
export default function FeedbackListPage() {
  const { ft, label } = useFeedbackText();
  const [items, setItems] = useState<ComplaintListItem[] | null>(null);
  const [open, setOpen] = useState<ComplaintView | null>(null);

  const load = useCallback(() => {
    feedbackApi
      .list({ pageSize: 50 })
      .then((page) => setItems(page.items))
      .catch((e) => {
        if (!isApiError(e)) throw e;
        setItems((now) => now ?? []);
      });
  }, []);
  useDidShow(load);
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: ft('list.title') }).catch(() => undefined);
  }, []);

  const toggle = async (id: number) => {
    if (open?.id === id) return setOpen(null);
    try {
      setOpen(await feedbackApi.get(id));
    } catch (e) {
      if (!isApiError(e)) throw e; // shown by the wrapper
    }
  };

  return (
    <View className="feedback-list-page" id="feedback-list-page">
      {items && items.length === 0 ? <EmptyState id="feedback-empty" title={ft('list.empty')} /> : null}
      {(items ?? []).map((item) => (
        <View key={item.id} className="feedback-item" id={`feedback-${item.id}`} onClick={() => void toggle(item.id)}>
          <View className="feedback-item__head">
            <Text className="feedback-item__kind">{`${label(COMPLAINT_KIND_LABELS[item.kind])} · ${label(COMPLAINT_CATEGORY_LABELS[item.category])}`}</Text>
            <Text className={`feedback-item__status feedback-item__status--${item.status}`}>{label(COMPLAINT_STATUS_LABELS[item.status])}</Text>
          </View>
          <Text className="feedback-item__summary">{open?.id === item.id ? open.content : item.summary}</Text>
          <Text className="feedback-item__meta">
            {`${item.complaintNo} · ${dateTimeOf(item.createdAt)}${item.orderNo ? ` · ${ft('list.order', { no: item.orderNo })}` : ''}`}
          </Text>
          {open?.id === item.id ? (
            <View className="feedback-replies" id={`feedback-replies-${item.id}`}>
              <Text className="feedback-replies__title">{ft('list.replies')}</Text>
              {open.replies.length === 0 ? <Text className="feedback-replies__none">{ft('list.noReply')}</Text> : null}
              {open.replies.map((r, i) => (
                <View key={i} className="feedback-reply">
                  <Text className="feedback-reply__note">{r.note}</Text>
                  <Text className="feedback-reply__at">{dateTimeOf(r.at)}</Text>
                </View>
              ))}
            </View>
          ) : null}
        </View>
      ))}
      <Button id="feedback-new" className="feedback-new" onClick={() => void Taro.navigateTo({ url: FEEDBACK_ROUTES.complaint })}>
        {ft('list.new')}
      </Button>
    </View>
  );
}
