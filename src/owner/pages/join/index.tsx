// 加入店铺: the invitee accepts the owner's one-time code (from the share card's ?code=, or typed), and
// the shop then appears in their shop list with their role (shopAdmin.acceptInvite).
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { JoinedShop } from '../../../../core/contracts/views';
import { ROLE_LABELS } from '../../../../core/roles';
import { call, errorMessage } from '../../../services/cloud';
import { ownerUrl } from '../../lib/routes';
import { OT } from '../../text';
import './index.scss';

export default function JoinPage() {
  const { params } = useRouter();
  const [code, setCode] = useState((params.code ?? '').toUpperCase());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [joined, setJoined] = useState<JoinedShop | null>(null);

  const join = async () => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      setJoined(await call('shopAdmin', 'acceptInvite', { code: code.trim() }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="owner staff">
      <View className="section">
        <Text className="section__title">{OT.join.title}</Text>
        <Text className="muted">{OT.join.lead}</Text>
        <Text className="field__label">{OT.join.code}</Text>
        <Input className="field__input" value={code} maxlength={8} placeholder={OT.join.codePlaceholder} data-testid="join-code"
          onInput={(e) => setCode(e.detail.value.toUpperCase())} />
        {error && <Text className="field__error" data-testid="join-error">{error}</Text>}
        {!joined && (
          <Button className="primary-button staff__button" data-testid="join-submit" disabled={busy || code.trim().length !== 8} onClick={() => void join()}>
            {busy ? OT.join.joining : OT.join.submit}
          </Button>
        )}
        {joined && (
          <View data-testid="join-done">
            <Text>{OT.join.joined(joined.shopName, ROLE_LABELS[joined.role])}</Text>
            <Button className="primary-button staff__button" data-testid="join-enter" onClick={() => void Taro.redirectTo({ url: ownerUrl('dashboard', joined.shopId) })}>
              {OT.join.enter}
            </Button>
          </View>
        )}
      </View>
    </View>
  );
}
