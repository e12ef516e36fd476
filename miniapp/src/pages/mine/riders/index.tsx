import { useCallback, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { MAX_RIDERS_PER_ACCOUNT, type RiderView } from '@dzky/contracts';
import { EmptyState } from '../../../components/empty-state';
import { toast } from '../../../hooks/toast';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n } from '../../../i18n';
import { ROUTES } from '../../../routes';
import { isApiError } from '../../../services/request';
import { idTypeLabel } from '../id-type-label';
import { riderApi } from '../passenger-api';
import './index.scss';

/** 我的 → 常用乘车人: the account's real-name riders, ID numbers masked. */
export default function RidersPage() {
  const { t, lang } = useI18n();
  const [riders, setRiders] = useState<RiderView[] | null>(null);
  usePageTitle('riders.title');

  const load = useCallback(() => {
    riderApi
      .list()
      .then(setRiders)
      .catch((e) => {
        if (!isApiError(e)) throw e; // shown (and acted on) by the request wrapper
      });
  }, []);
  // again on every show: the edit page may have changed the list
  useDidShow(load);

  const full = (riders?.length ?? 0) >= MAX_RIDERS_PER_ACCOUNT;

  const add = () => {
    if (full) {
      toast(t('riders.limit', { max: MAX_RIDERS_PER_ACCOUNT }));
      return;
    }
    void Taro.navigateTo({ url: ROUTES.riderEdit });
  };

  const remove = async (rider: RiderView) => {
    const { confirm } = await Taro.showModal({
      title: t('riders.delete'),
      content: t('riders.delete.confirm', { name: rider.name }),
      confirmText: t('riders.delete.ok'),
      confirmColor: '#f54a45',
      cancelText: t('riders.delete.cancel'),
    });
    if (!confirm) return;
    try {
      await riderApi.remove(rider.id);
      toast(t('riders.deleted'), 'success');
      setRiders((list) => list?.filter((r) => r.id !== rider.id) ?? null);
    } catch (e) {
      if (!isApiError(e)) throw e;
      load(); // e.g. already deleted elsewhere: show what is there now
    }
  };

  return (
    <View className="riders-page" id="riders-page">
      {riders === null ? (
        <Text className="riders-page__loading">{t('common.loading')}</Text>
      ) : riders.length === 0 ? (
        <EmptyState id="riders-empty" title={t('riders.empty')} hint={t('riders.empty.hint')} />
      ) : (
        <View className="rider-list" id="rider-list">
          <Text className="rider-list__count">{t('riders.count', { n: riders.length, max: MAX_RIDERS_PER_ACCOUNT })}</Text>
          {riders.map((r) => (
            <View className="rider-card" key={r.id} id={`rider-${r.id}`}>
              <View className="rider-card__main" onClick={() => void Taro.navigateTo({ url: `${ROUTES.riderEdit}?id=${r.id}` })}>
                <View className="rider-card__head">
                  <Text className="rider-card__name">{r.name}</Text>
                  {r.isSelf ? <Text className="rider-badge rider-badge--self">{t('riders.badge.self')}</Text> : null}
                  {r.passengerType === 'child' ? <Text className="rider-badge rider-badge--child">{t('riders.badge.child')}</Text> : null}
                </View>
                <Text className="rider-card__id">
                  {idTypeLabel(r.idType, lang)} {r.idNumberMasked}
                </Text>
                {r.phoneMasked ? <Text className="rider-card__phone">{r.phoneMasked}</Text> : null}
              </View>
              <View className="rider-card__actions">
                <Text className="rider-card__action" id={`rider-edit-${r.id}`} onClick={() => void Taro.navigateTo({ url: `${ROUTES.riderEdit}?id=${r.id}` })}>
                  {t('riders.edit')}
                </Text>
                <Text className="rider-card__action rider-card__action--danger" id={`rider-delete-${r.id}`} onClick={() => void remove(r)}>
                  {t('riders.delete')}
                </Text>
              </View>
            </View>
          ))}
        </View>
      )}
      <View className="riders-page__footer">
        <Button id="riders-add" className="riders-page__add" disabled={riders === null} onClick={add}>
          {t('riders.add')}
        </Button>
      </View>
    </View>
  );
}
