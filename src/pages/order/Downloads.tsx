// Digital goods on a paid order (docs/product.md §14): a download button per file with the downloads
// left; each tap asks the server for a short-lived link (orders.download counts it).
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { DownloadState } from '../../../core/contracts/views';
import { isH5 } from '../../env';
import { call, errorMessage } from '../../services/cloud';
import { askDigitalUpdates } from '../../services/subscribe';
import { T } from '../../text';

interface Props {
  orderId: string;
  downloads: readonly DownloadState[];
  onDone: () => void;
}

export function Downloads({ orderId, downloads, onDone }: Props) {
  const [busy, setBusy] = useState<number | null>(null);
  const download = async (lineNo: number) => {
    // Ask (inside the tap) to hear of the next version of the file.
    askDigitalUpdates();
    setBusy(lineNo);
    try {
      const link = await call('orders', 'download', { orderId, lineNo });
      if (isH5()) window.open(link.url, '_blank');
      else {
        const file = await Taro.downloadFile({ url: link.url });
        await Taro.openDocument({ filePath: file.tempFilePath, showMenu: true }).catch(() => undefined);
      }
      onDone();
    } catch (err) {
      Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(null);
    }
  };
  return (
    <View className="section" data-testid="downloads">
      {downloads.map((d) => (
        <View key={d.lineNo} className="row">
          <View className="order__file">
            <Text>{d.fileName}</Text>
            <Text className="muted">{T.order.downloadsLeft(d.remaining)}{d.updated ? ` · ${T.order.downloadUpdated}` : ''}</Text>
          </View>
          <Button className="primary-button" disabled={d.remaining <= 0 || busy !== null} onClick={() => void download(d.lineNo)}>
            {T.order.download}
          </Button>
        </View>
      ))}
    </View>
  );
}
