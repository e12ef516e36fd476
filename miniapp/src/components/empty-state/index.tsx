import { Text, View } from '@tarojs/components';
import './index.scss';

interface EmptyStateProps {
  title: string;
  hint?: string;
  id?: string;
}

/** An honest "nothing here yet", with the reason when there is one. */
export function EmptyState({ title, hint, id }: EmptyStateProps) {
  return (
    <View className="empty-state" id={id}>
      <View className="empty-state__art">
        <View className="empty-state__sheet" />
      </View>
      <Text className="empty-state__title">{title}</Text>
      {hint ? <Text className="empty-state__hint">{hint}</Text> : null}
    </View>
  );
}
