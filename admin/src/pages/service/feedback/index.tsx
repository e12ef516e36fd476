import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import PageContainer from '../../../components/PageContainer';
import ComplaintsTab from './components/ComplaintsTab';
import RatingsTab from './components/RatingsTab';
import StatsTab from './components/StatsTab';

const TABS = ['complaints', 'ratings', 'stats'] as const;
type TabKey = (typeof TABS)[number];

/**
 * 服务评价 (R-6.2.8): customer service handles passengers' complaints and suggestions (受理 → 回复 →
 * 办结 / 关闭), reads the ratings, and analyses them. `?tab=` keeps the chosen tab in the address.
 */
export default function FeedbackPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const wanted = params.get('tab') as TabKey | null;
  const tab: TabKey = wanted && TABS.includes(wanted) ? wanted : 'complaints';
  return (
    <PageContainer subTitle={t('feedback.subtitle')}>
      <Tabs
        activeKey={tab}
        destroyOnHidden
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          { key: 'complaints', label: t('feedback.tabs.complaints'), children: <ComplaintsTab /> },
          { key: 'ratings', label: t('feedback.tabs.ratings'), children: <RatingsTab /> },
          { key: 'stats', label: t('feedback.tabs.stats'), children: <StatsTab /> },
        ]}
      />
    </PageContainer>
  );
}
