// 分享店铺 (docs/product.md §6): the share card (useShareAppMessage: the shop page with ?id=), the
// shop's link to copy, and a poster with the shop's name, logo and mini-program code (shopAdmin.qrCode,
// wxacode.getUnlimited) — saved to the album in weapp, downloaded in h5.
import { Button, Canvas, Image, Text, View } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { isH5 } from '../../../env';
import { callPrivate } from '../../../privacy/privacy';
import { call, errorMessage } from '../../../services/cloud';
import { resolveImage } from '../../../services/images';
import { OwnerGate } from '../../components/OwnerGate';
import { useOwnerLoad } from '../../components/useOwnerLoad';
import { shareLink, shopPath } from '../../lib/routes';
import { downloadH5, posterDataUrlH5, posterFileWeapp, saveToAlbum } from '../../services/poster';
import { OT } from '../../text';
import './index.scss';

const CANVAS_ID = 'kaidian-poster';

export default function SharePage() {
  const { params } = useRouter();
  const shopId = params.shopId ?? '';
  const loaded = useOwnerLoad(() => call('shopAdmin', 'getShop', { shopId }));
  const [poster, setPoster] = useState<{ state: 'idle' | 'drawing' | 'ready' | 'error'; url?: string; message?: string }>({ state: 'idle' });
  const shop = loaded.data;

  useShareAppMessage(() => ({ title: OT.share.cardTitle(shop?.name ?? ''), path: shopPath(shopId) }));

  const drawPoster = async () => {
    if (!shop) return;
    setPoster({ state: 'drawing' });
    try {
      const qr = await call('shopAdmin', 'qrCode', { shopId });
      const url = isH5()
        ? await posterDataUrlH5(shop.name, shop.code, shop.logo ? (await resolveImage(shop.logo)) || null : null, qr.tempFileURL)
        : await posterFileWeapp(CANVAS_ID, shop.name, shop.code, shop.logo, qr.fileID);
      setPoster({ state: 'ready', url });
    } catch (err) {
      setPoster({ state: 'error', message: errorMessage(err) });
    }
  };
  useEffect(() => {
    if (shop && poster.state === 'idle') void drawPoster();
  }, [shop]);

  const copy = async () => {
    if ((await callPrivate('setClipboardData', () => Taro.setClipboardData({ data: shareLink(shopId) }))) === null) return;
    Taro.showToast({ title: OT.share.copied, icon: 'success', duration: 1000 });
  };
  const save = async () => {
    if (poster.state !== 'ready' || !poster.url || !shop) return;
    if (isH5()) return downloadH5(poster.url, `${shop.name}-海报.png`);
    if (await saveToAlbum(poster.url)) Taro.showToast({ title: OT.share.saved, icon: 'success' });
  };

  return (
    <OwnerGate loaded={loaded}>
      {(s) => (
        <View className="share">
          <View className="section">
            <Text className="section__title">{OT.share.card}</Text>
            <Text className="muted">{OT.share.cardHint}</Text>
            {!isH5() && <Button className="primary-button share__button" openType="share">{OT.share.shareButton}</Button>}
          </View>
          <View className="section">
            <Text className="section__title">{OT.share.link}</Text>
            <Text className="share__link" data-testid="share-link">{shareLink(shopId)}</Text>
            <Text className="muted">{OT.share.code(s.code)}</Text>
            <Button className="primary-button share__button" data-testid="copy-link" onClick={() => void copy()}>{OT.share.copyLink}</Button>
          </View>
          <View className="section">
            <Text className="section__title">{OT.share.poster}</Text>
            <Text className="muted">{OT.share.posterHint}</Text>
            {!isH5() && <Canvas type="2d" id={CANVAS_ID} className="share__canvas" />}
            {isH5() && poster.state === 'ready' && poster.url && <Image className="share__poster" src={poster.url} mode="aspectFit" data-testid="poster-image" />}
            {poster.state === 'drawing' && <Text className="muted share__state">{OT.share.posterLoading}</Text>}
            {poster.state === 'error' && <Text className="field__error share__state">{poster.message}</Text>}
            <Button className="secondary-button share__button" data-testid="save-poster" disabled={poster.state !== 'ready'} onClick={() => void save()}>
              {isH5() ? OT.share.download : OT.share.save}
            </Button>
          </View>
        </View>
      )}
    </OwnerGate>
  );
}
