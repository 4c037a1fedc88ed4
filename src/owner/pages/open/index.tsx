// The owner console's door (subpackage `owner`, loaded only when an owner opens it). The console itself
// is the next issue; this page keeps the subpackage real so its size is measured from the start.
import { Text, View } from '@tarojs/components';
import { T } from '../../../text';

export default function OpenShopPage() {
  return (
    <View className="section">
      <Text className="section__title">{T.owner.title}</Text>
      <Text className="muted">{T.owner.comingSoon}</Text>
    </View>
  );
}
