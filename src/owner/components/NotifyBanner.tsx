// 新订单通知: WeChat sends the owner one message per accepted request (一次性订阅), and asks only from a
// tap. The banner asks at the owner's tap, and stays while notifications are off (WeChat's switch, or the
// owner refused): without it every new-order message fails with 43101 and the owner hears nothing.
import { Button, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { isH5 } from '../../env';
import { askNewOrderNotices, newOrderNoticesRefused, notificationsSwitchedOff } from '../../services/subscribe';
import { OT } from '../text';

export function NotifyBanner() {
  const [off, setOff] = useState(false);
  useDidShow(() => void notificationsSwitchedOff().then((o) => setOff(o || newOrderNoticesRefused())));
  if (isH5()) return null;
  return (
    <View className="section notify-banner" data-testid="notify-banner">
      <Text>{off ? OT.dashboard.notifyOff : OT.dashboard.notifyHint}</Text>
      <Button className="secondary-button" onClick={() => { askNewOrderNotices(); setTimeout(() => setOff(newOrderNoticesRefused()), 1500); }}>
        {OT.dashboard.notifyOn}
      </Button>
    </View>
  );
}
