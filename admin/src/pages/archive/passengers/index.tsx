import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import PageContainer from '../../../components/PageContainer';

export default function PassengersPage() {
  const { t } = useTranslation();
  return (
    <PageContainer>
      <Empty description={t('archive.placeholder')} />
    </PageContainer>
  );
}
