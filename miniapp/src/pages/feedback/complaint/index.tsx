import { useEffect, useRef, useState } from 'react';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_LABELS, COMPLAINT_CONTENT_MAX, COMPLAINT_KINDS, COMPLAINT_KIND_LABELS, complaintRequestProblems,
  type ComplaintCategory, type ComplaintKind, type FieldError,
} from '@dzky/contracts';
import { toast } from '../../../hooks/toast';
import { isApiError } from '../../../services/request';
import { FEEDBACK_ROUTES, feedbackApi, newClientKey } from '../feedback-api';
import { callHotline, useHotline } from '../hotline';
import { useFeedbackText } from '../texts';
import './index.scss';

/**
 * 投诉与建议: a complaint or a suggestion with its category and text, optionally about an
 * order (?orderId=) and with a phone number for a call back; the hotline is offered beside it. After
 * sending, the passenger lands on the list where replies appear.
 */
export default function ComplaintPage() {
  const { ft, label } = useFeedbackText();
  const orderId = Number(useRouter().params.orderId) || null;
  const hotline = useHotline();
  const [kind, setKind] = useState<ComplaintKind>('complaint');
  const [category, setCategory] = useState<ComplaintCategory | ''>('');
  const [content, setContent] = useState('');
  const [phone, setPhone] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const clientKey = useRef('');
  if (!clientKey.current) clientKey.current = newClientKey('cp');

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: ft('complaint.title') }).catch(() => undefined);
  }, []);

  const submit = async () => {
    if (busy) return;
    const body = { clientKey: clientKey.current, kind, category: category as ComplaintCategory, content: content.trim(), orderId, contactPhone: phone.trim() || null };
    const found = complaintRequestProblems(body);
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    try {
      await feedbackApi.submit(body);
      toast(ft('complaint.done'), 'success');
      await Taro.redirectTo({ url: FEEDBACK_ROUTES.list });
    } catch (e) {
      if (!isApiError(e)) throw e;
      if (e.errors.length) setErrors(e.errors);
      else toast(e.errorMessage);
    } finally {
      setBusy(false);
    }
  };

  const errorOf = (field: string) => {
    const reason = errors.find((e) => e.field === field)?.reason;
    return reason ? <Text className="complaint-error" id={`complaint-error-${field}`}>{reason}</Text> : null;
  };

  return (
    <View className="complaint-page" id="complaint-page">
      <View className="complaint-card">
        <Text className="complaint-card__title">{ft('complaint.kind')}</Text>
        <View className="complaint-chips">
          {COMPLAINT_KINDS.map((k) => (
            <Text key={k} id={`complaint-kind-${k}`} className={`complaint-chip${kind === k ? ' complaint-chip--on' : ''}`} onClick={() => setKind(k)}>
              {label(COMPLAINT_KIND_LABELS[k])}
            </Text>
          ))}
        </View>
        <Text className="complaint-card__title">{ft('complaint.category')}</Text>
        <View className="complaint-chips">
          {COMPLAINT_CATEGORIES.map((c) => (
            <Text key={c} id={`complaint-category-${c}`} className={`complaint-chip${category === c ? ' complaint-chip--on' : ''}`} onClick={() => setCategory(c)}>
              {label(COMPLAINT_CATEGORY_LABELS[c])}
            </Text>
          ))}
        </View>
        {errorOf('category')}
      </View>
      <View className="complaint-card">
        <Textarea
          id="complaint-content"
          className="complaint-content"
          maxlength={COMPLAINT_CONTENT_MAX}
          placeholder={ft('complaint.content')}
          value={content}
          onInput={(e) => setContent(e.detail.value)}
        />
        <Text className="complaint-card__count">{ft('complaint.count', { n: [...content.trim()].length })}</Text>
        {errorOf('content')}
        <Input
          id="complaint-phone"
          className="complaint-phone"
          type="number"
          maxlength={11}
          placeholder={ft('complaint.phone')}
          value={phone}
          onInput={(e) => setPhone(e.detail.value)}
        />
        {errorOf('contactPhone')}
        {orderId ? <Text className="complaint-card__order" id="complaint-order">{`${ft('complaint.order')} #${orderId}`}</Text> : null}
      </View>
      <Button id="complaint-submit" className="complaint-submit" disabled={busy} onClick={() => void submit()}>
        {ft('complaint.submit')}
      </Button>
      {hotline ? (
        <Text className="complaint-hotline" id="complaint-hotline" onClick={() => callHotline(hotline)}>
          {ft('hotline.hint', { phone: hotline })}
        </Text>
      ) : null}
    </View>
  );
}
