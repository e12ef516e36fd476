import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import PageContainer from '../../../components/PageContainer';

export default function RoutesPage() {
  const { t } = useTranslation();
  return (
    <PageContainer>
      <Empty description={t('basedata.placeholder')} />
    </PageContainer>
  );
}
