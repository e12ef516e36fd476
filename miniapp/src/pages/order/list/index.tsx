import { View } from '@tarojs/components';
import { EmptyState } from '../../../components/empty-state';
import { useI18n } from '../../../i18n';
import { useSessionGate } from '../../../services/session';
import './index.scss';

/** Orders arrive with booking; until then the list is honestly empty. */
export default function OrderListPage() {
  const { t } = useI18n();
  useSessionGate();
  return (
    <View className="order-list-page" id="orders-page">
      <EmptyState id="orders-empty" title={t('orders.empty')} hint={t('orders.empty.hint')} />
    </View>
  );
}
