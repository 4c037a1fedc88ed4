// The privacy sheet WeChat asks for when a private API is first used (docs/wechat-contracts.md §7a): what it is
// for, a link to the privacy guide (wx.openPrivacyContract), 拒绝 and 同意. 同意 is a button with
// open-type="agreePrivacyAuthorization": WeChat checks that this very button was tapped before the
// pending call may go on. Put one on every page that calls a private API.
import { Button, Text, View } from '@tarojs/components';
import { useEffect } from 'react';
import { isH5 } from '../env';
import { T } from '../text';
import { PRIVATE_APIS, type PrivateApiName } from './apis';
import { AGREE_BUTTON_ID, openPrivacyGuide } from './privacy';
import { usePrivacy } from './store';
import './PrivacySheet.scss';

function purpose(referrer: string): string {
  const api = referrer.replace(/^.*\./, '') as PrivateApiName;
  return PRIVATE_APIS[api]?.doing ?? T.privacy.someFeature;
}

export function PrivacySheet() {
  const referrer = usePrivacy((s) => s.referrer);
  const answer = usePrivacy((s) => s.answer);
  // The h5 preview has no privacy flow; ?privacy=<api> shows the sheet so it can be looked at.
  useEffect(() => {
    if (!isH5() || typeof window === 'undefined') return;
    const preview = new URLSearchParams(window.location.search).get('privacy');
    if (preview) usePrivacy.getState().ask(preview, () => undefined);
  }, []);
  if (referrer === null) return null;
  return (
    <View className="privacy" data-testid="privacy-sheet">
      <View className="privacy__mask" />
      <View className="privacy__panel">
        <Text className="privacy__title">{T.privacy.title}</Text>
        <View className="privacy__body">
          <Text className="privacy__text">{T.privacy.before(purpose(referrer))}</Text>
          <Text className="privacy__link" data-testid="privacy-guide" onClick={openPrivacyGuide}>{T.privacy.guide}</Text>
          <Text className="privacy__text">{T.privacy.after}</Text>
        </View>
        <View className="privacy__buttons">
          <Button className="privacy__button privacy__button--decline" data-testid="privacy-decline" onClick={() => answer({ event: 'disagree' })}>
            {T.privacy.decline}
          </Button>
          <Button
            id={AGREE_BUTTON_ID}
            className="privacy__button privacy__button--agree"
            data-testid="privacy-agree"
            openType="agreePrivacyAuthorization"
            onAgreePrivacyAuthorization={() => answer({ event: 'agree', buttonId: AGREE_BUTTON_ID })}
            onClick={isH5() ? () => answer({ event: 'agree', buttonId: AGREE_BUTTON_ID }) : undefined}
          >
            {T.privacy.agree}
          </Button>
        </View>
      </View>
    </View>
  );
}
