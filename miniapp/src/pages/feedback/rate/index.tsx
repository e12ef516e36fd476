import { useEffect, useRef, useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  RATING_COMMENT_MAX, RATING_SUB_SCORES, RATING_SUB_SCORE_LABELS, RATING_TAGS, ratingRequestProblems,
  type FieldError, type RatingSubScore, type RatingTag, type RatingView,
} from '@dzky/contracts';
import { toast } from '../../../hooks/toast';
import { isApiError } from '../../../services/request';
import { feedbackApi, newClientKey } from '../feedback-api';
import { useFeedbackText } from '../texts';
import './index.scss';

const STARS = [1, 2, 3, 4, 5];

function Stars({ id, value, onPick, small }: { id: string; value: number; onPick?: (n: number) => void; small?: boolean }) {
  return (
    <View className={`stars${small ? ' stars--small' : ''}`} id={id}>
      {STARS.map((n) => (
        <Text key={n} id={`${id}-${n}`} className={`stars__star${n <= value ? ' stars__star--on' : ''}`} onClick={onPick ? () => onPick(n) : undefined}>
          ★
        </Text>
      ))}
    </View>
  );
}

/**
 * 评价行程, opened from an order with ?orderId=: overall stars, optional stars per
 * aspect, preset tags and a comment. An order is rated once; a rated order shows its rating. The
 * checks are the server's own (ratingRequestProblems), so a mistake is explained before sending.
 */
export default function RatePage() {
  const { ft, label } = useFeedbackText();
  const orderId = Number(useRouter().params.orderId) || 0;
  const [existing, setExisting] = useState<RatingView | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [score, setScore] = useState(0);
  const [subScores, setSubScores] = useState<Partial<Record<RatingSubScore, number>>>({});
  const [tags, setTags] = useState<RatingTag[]>([]);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const clientKey = useRef('');
  if (!clientKey.current) clientKey.current = newClientKey('rt');

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: ft('rate.title') }).catch(() => undefined);
    if (!orderId) return;
    feedbackApi
      .ratingOf(orderId)
      .then((r) => setExisting(r))
      .catch((e) => {
        if (!isApiError(e)) throw e; // the wrapper showed it (a missing order)
      })
      .finally(() => setLoaded(true));
  }, [orderId]);

  const toggleTag = (tag: RatingTag) => setTags((now) => (now.includes(tag) ? now.filter((x) => x !== tag) : [...now, tag]));

  const submit = async () => {
    if (busy) return;
    const body = { clientKey: clientKey.current, orderId, score, subScores, tags, comment: comment.trim() || null };
    const found = ratingRequestProblems(body);
    setErrors(found);
    if (found.length) {
      if (found.some((e) => e.field === 'score')) toast(ft('rate.pickScore'));
      return;
    }
    setBusy(true);
    try {
      setExisting(await feedbackApi.rate(body));
      toast(ft('rate.done'), 'success');
    } catch (e) {
      if (!isApiError(e)) throw e;
      if (e.errors.length) setErrors(e.errors);
      if (e.errorCode === 'FEEDBACK.ALREADY_RATED') setExisting(await feedbackApi.ratingOf(orderId).catch(() => null));
      toast(e.errorCode === 'FEEDBACK.NOT_RATABLE' ? ft('rate.notYet') : e.errorMessage);
    } finally {
      setBusy(false);
    }
  };

  const errorOf = (prefix: string) => errors.find((e) => e.field === prefix || e.field.startsWith(`${prefix}.`))?.reason;
  const tagLabel = (code: RatingTag) => label(RATING_TAGS.find((x) => x.code === code)!);

  if (existing) {
    return (
      <View className="rate-page" id="rate-page">
        <View className="rate-card" id="rate-done">
          <Text className="rate-card__title">{ft('rate.mine')}</Text>
          <Stars id="rate-done-stars" value={existing.score} small />
          <Text className="rate-card__hint">{ft('rate.stars', { n: existing.score })}</Text>
          <View className="rate-tags">
            {existing.tags.map((tag) => (
              <Text key={tag} className="rate-tag rate-tag--on">
                {tagLabel(tag)}
              </Text>
            ))}
          </View>
          {existing.comment ? <Text className="rate-card__comment">{existing.comment}</Text> : null}
        </View>
      </View>
    );
  }

  return (
    <View className="rate-page" id="rate-page">
      <View className="rate-card">
        <Text className="rate-card__title">{ft('rate.score')}</Text>
        <Stars id="rate-score" value={score} onPick={setScore} />
        {errorOf('score') ? <Text className="rate-error" id="rate-error-score">{errorOf('score')}</Text> : null}
      </View>
      <View className="rate-card">
        <Text className="rate-card__title">{ft('rate.sub')}</Text>
        {RATING_SUB_SCORES.map((key) => (
          <View className="rate-sub" key={key}>
            <Text className="rate-sub__label">{label(RATING_SUB_SCORE_LABELS[key])}</Text>
            <Stars id={`rate-sub-${key}`} small value={subScores[key] ?? 0} onPick={(n) => setSubScores((s) => ({ ...s, [key]: n }))} />
          </View>
        ))}
      </View>
      <View className="rate-card">
        <Text className="rate-card__title">{ft('rate.tags')}</Text>
        <View className="rate-tags">
          {RATING_TAGS.map((tag) => (
            <Text
              key={tag.code}
              id={`rate-tag-${tag.code}`}
              className={`rate-tag${tags.includes(tag.code) ? ' rate-tag--on' : ''}${tag.good ? '' : ' rate-tag--bad'}`}
              onClick={() => toggleTag(tag.code)}
            >
              {label(tag)}
            </Text>
          ))}
        </View>
        <Textarea
          id="rate-comment"
          className="rate-comment"
          maxlength={RATING_COMMENT_MAX}
          placeholder={ft('rate.comment')}
          value={comment}
          onInput={(e) => setComment(e.detail.value)}
        />
        <Text className="rate-card__hint">{`${[...comment].length}/${RATING_COMMENT_MAX}`}</Text>
        {errorOf('comment') ? <Text className="rate-error" id="rate-error-comment">{errorOf('comment')}</Text> : null}
      </View>
      <Button id="rate-submit" className="rate-submit" disabled={busy || !loaded || !orderId} onClick={() => void submit()}>
        {ft('rate.submit')}
      </Button>
    </View>
  );
}
